-- Whether a customer accepts messages from one of our accounts on a channel (SMS STOP/START).
CREATE TABLE contact_consents (
    channel             text        NOT NULL,
    channel_account     text        NOT NULL,
    customer_address    text        NOT NULL,
    opted_out           boolean     NOT NULL,
    keyword             text        NOT NULL,
    provider_message_id text        NOT NULL,
    changed_at          timestamptz NOT NULL,
    PRIMARY KEY (channel, channel_account, customer_address)
);
