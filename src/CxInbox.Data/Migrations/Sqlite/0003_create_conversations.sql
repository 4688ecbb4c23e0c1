CREATE TABLE conversations (
    id                TEXT        PRIMARY KEY,
    customer_id       TEXT        NOT NULL REFERENCES customers (id),
    channel           TEXT        NOT NULL,
    channel_account   TEXT        NOT NULL,
    customer_address  TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    priority          INTEGER     NOT NULL DEFAULT 0,
    assignee_id       TEXT        NULL REFERENCES agents (id),
    assigned_at       TEXT NULL,
    assignment_reason TEXT        NULL,
    queued_at         TEXT NULL,
    queued_reason     TEXT        NULL,
    created_at        TEXT NOT NULL,
    last_message_at   TEXT NOT NULL
);

-- A thread is one customer address talking to one of our accounts on one channel. Two routers handling the
-- same customer at once must not open two conversations on it.
CREATE UNIQUE INDEX conversations_one_unresolved_per_thread
    ON conversations (channel, channel_account, customer_address) WHERE status <> 'resolved';

CREATE INDEX conversations_assignee ON conversations (assignee_id, last_message_at);

CREATE INDEX conversations_waiting ON conversations (priority, created_at)
    WHERE assignee_id IS NULL AND status <> 'resolved';

CREATE INDEX conversations_customer ON conversations (customer_id, last_message_at);
