CREATE TABLE messages (
    id                  TEXT        PRIMARY KEY,
    conversation_id     TEXT        NOT NULL REFERENCES conversations (id),
    channel             TEXT        NOT NULL,
    channel_account     TEXT        NOT NULL,
    provider_message_id TEXT        NOT NULL,
    direction           TEXT        NOT NULL,
    TEXT                TEXT        NOT NULL,
    sent_at             TEXT NOT NULL,
    created_at          TEXT NOT NULL
);

-- The idempotency key: a provider's redelivery of a message is stored once.
CREATE UNIQUE INDEX messages_provider_id ON messages (channel, channel_account, provider_message_id);

CREATE INDEX messages_conversation ON messages (conversation_id, sent_at);

CREATE TABLE message_attachments (
    message_id   TEXT    NOT NULL REFERENCES messages (id),
    position     INTEGER NOT NULL,
    url          TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    PRIMARY KEY (message_id, position)
);
