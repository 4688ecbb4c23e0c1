-- Who did what to routing, when and why: supervisors' moves, capacity changes, pauses and rebalances. Append-only;
-- the integer key gives a stable order and a paging cursor that timestamps alone (equal within a transaction) do not.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target_type TEXT    NOT NULL,
    target_id   TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    details     TEXT    NULL
);

CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at);

-- Every time a conversation got an agent, waited, was re-queued or was moved, with the reason: the answer to
-- "why did she get this one?" after later moves have overwritten conversations.assignment_reason.
CREATE TABLE conversation_assignments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT    NOT NULL REFERENCES conversations (id),
    occurred_at     TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    agent_id        TEXT    NULL,
    from_agent_id   TEXT    NULL,
    team            TEXT    NULL,
    reason          TEXT    NOT NULL,
    actor           TEXT    NULL
);

CREATE INDEX conversation_assignments_conversation ON conversation_assignments (conversation_id, id);
