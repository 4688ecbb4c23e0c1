-- E-mail (issue 5). Each IMAP folder's reading position: mail above last_uid is new, as long as the folder's
-- UIDVALIDITY is still uid_validity (a new one makes every stored UID meaningless).
CREATE TABLE mailbox_checkpoints (
    mailbox      text        NOT NULL,
    folder       text        NOT NULL,
    uid_validity bigint      NOT NULL,
    last_uid     bigint      NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (mailbox, folder)
);

-- What threads a mail and what the agent may want beyond the trimmed text. thread_references holds the References
-- ids, oldest first, separated by spaces (Message-IDs contain none). automated is null for a person's message and
-- otherwise the kind (auto-reply, bulk, delivery-status, read-receipt); such messages have direction 'automated'.
ALTER TABLE messages ADD COLUMN subject text NULL;
ALTER TABLE messages ADD COLUMN in_reply_to text NULL;
ALTER TABLE messages ADD COLUMN thread_references text NULL;
ALTER TABLE messages ADD COLUMN full_text text NULL;
ALTER TABLE messages ADD COLUMN automated text NULL;

ALTER TABLE message_attachments ADD COLUMN file_name text NULL;
ALTER TABLE message_attachments ADD COLUMN size_bytes bigint NULL;
