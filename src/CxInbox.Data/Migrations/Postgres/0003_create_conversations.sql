CREATE TABLE conversations (
    id                uuid        PRIMARY KEY,
    customer_id       uuid        NOT NULL REFERENCES customers (id),
    channel           text        NOT NULL,
    channel_account   text        NOT NULL,
    customer_address  text        NOT NULL,
    status            text        NOT NULL,
    priority          integer     NOT NULL DEFAULT 0,
    assignee_id       uuid        NULL REFERENCES agents (id),
    assigned_at       timestamptz NULL,
    assignment_reason text        NULL,
    queued_at         timestamptz NULL,
    queued_reason     text        NULL,
    created_at        timestamptz NOT NULL,
    last_message_at   timestamptz NOT NULL
);

-- A thread is one customer address talking to one of our accounts on one channel. Two routers handling the
-- same customer at once must not open two conversations on it.
CREATE UNIQUE INDEX conversations_one_unresolved_per_thread
    ON conversations (channel, channel_account, customer_address) WHERE status <> 'resolved';

CREATE INDEX conversations_assignee ON conversations (assignee_id, last_message_at);

CREATE INDEX conversations_waiting ON conversations (priority, created_at)
    WHERE assignee_id IS NULL AND status <> 'resolved';

CREATE INDEX conversations_customer ON conversations (customer_id, last_message_at);
