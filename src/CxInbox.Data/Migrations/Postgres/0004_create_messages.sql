CREATE TABLE messages (
    id                  uuid        PRIMARY KEY,
    conversation_id     uuid        NOT NULL REFERENCES conversations (id),
    channel             text        NOT NULL,
    channel_account     text        NOT NULL,
    provider_message_id text        NOT NULL,
    direction           text        NOT NULL,
    text                text        NOT NULL,
    sent_at             timestamptz NOT NULL,
    created_at          timestamptz NOT NULL
);

-- The idempotency key: a provider's redelivery of a message is stored once.
CREATE UNIQUE INDEX messages_provider_id ON messages (channel, channel_account, provider_message_id);

CREATE INDEX messages_conversation ON messages (conversation_id, sent_at);

CREATE TABLE message_attachments (
    message_id   uuid    NOT NULL REFERENCES messages (id),
    position     integer NOT NULL,
    url          text    NOT NULL,
    content_type text    NOT NULL,
    PRIMARY KEY (message_id, position)
);
