CREATE TABLE customers (
    id           uuid        PRIMARY KEY,
    display_name text        NULL,
    created_at   timestamptz NOT NULL
);

-- One row per address a customer writes from; the routing issue adds cross-channel linking on top.
CREATE TABLE customer_identities (
    channel     text        NOT NULL,
    address     text        NOT NULL,
    customer_id uuid        NOT NULL REFERENCES customers (id),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (channel, address)
);

CREATE INDEX customer_identities_customer ON customer_identities (customer_id);
