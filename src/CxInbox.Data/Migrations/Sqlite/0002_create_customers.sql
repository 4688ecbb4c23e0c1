CREATE TABLE customers (
    id           TEXT        PRIMARY KEY,
    display_name TEXT        NULL,
    created_at   TEXT NOT NULL
);

-- One row per address a customer writes from; the routing issue adds cross-channel linking on top.
CREATE TABLE customer_identities (
    channel     TEXT        NOT NULL,
    address     TEXT        NOT NULL,
    customer_id TEXT        NOT NULL REFERENCES customers (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (channel, address)
);

CREATE INDEX customer_identities_customer ON customer_identities (customer_id);
