-- E-mail (issue 5). Each IMAP folder's reading position: mail above last_uid is new, as long as the folder's
-- UIDVALIDITY is still uid_validity (a new one makes every stored UID meaningless).
CREATE TABLE mailbox_checkpoints (
    mailbox      TEXT        NOT NULL,
    folder       TEXT        NOT NULL,
    uid_validity INTEGER     NOT NULL,
    last_uid     INTEGER     NOT NULL,
    updated_at   TEXT        NOT NULL,
    PRIMARY KEY (mailbox, folder)
);

-- What threads a mail and what the agent may want beyond the trimmed text. thread_references holds the References
-- ids, oldest first, separated by spaces (Message-IDs contain none). automated is null for a person's message and
-- otherwise the kind (auto-reply, bulk, delivery-status, read-receipt); such messages have direction 'automated'.
ALTER TABLE messages ADD COLUMN subject TEXT NULL;
ALTER TABLE messages ADD COLUMN in_reply_to TEXT NULL;
ALTER TABLE messages ADD COLUMN thread_references TEXT NULL;
ALTER TABLE messages ADD COLUMN full_text TEXT NULL;
ALTER TABLE messages ADD COLUMN automated TEXT NULL;

ALTER TABLE message_attachments ADD COLUMN file_name TEXT NULL;
ALTER TABLE message_attachments ADD COLUMN size_bytes INTEGER NULL;
