-- Who did what to routing, when and why: supervisors' moves, capacity changes, pauses and rebalances. Append-only;
-- the identity gives a stable order and a paging cursor that timestamps alone (equal within a transaction) do not.
CREATE TABLE audit_log (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    target_type text        NOT NULL,
    target_id   text        NOT NULL,
    reason      text        NOT NULL,
    details     text        NULL
);

CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at);

-- Every time a conversation got an agent, waited, was re-queued or was moved, with the reason: the answer to
-- "why did she get this one?" after later moves have overwritten conversations.assignment_reason.
CREATE TABLE conversation_assignments (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversations (id),
    occurred_at     timestamptz NOT NULL,
    kind            text        NOT NULL,
    agent_id        uuid        NULL,
    from_agent_id   uuid        NULL,
    team            text        NULL,
    reason          text        NOT NULL,
    actor           text        NULL
);

CREATE INDEX conversation_assignments_conversation ON conversation_assignments (conversation_id, id);
