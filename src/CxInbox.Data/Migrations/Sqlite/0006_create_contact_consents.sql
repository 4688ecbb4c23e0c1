-- Whether a customer accepts messages from one of our accounts on a channel (SMS STOP/START).
CREATE TABLE contact_consents (
    channel             TEXT        NOT NULL,
    channel_account     TEXT        NOT NULL,
    customer_address    TEXT        NOT NULL,
    opted_out           INTEGER     NOT NULL,
    keyword             TEXT        NOT NULL,
    provider_message_id TEXT        NOT NULL,
    changed_at          TEXT NOT NULL,
    PRIMARY KEY (channel, channel_account, customer_address)
);
