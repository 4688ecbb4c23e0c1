CREATE TABLE agents (
    id                 uuid        PRIMARY KEY,
    name               text        NOT NULL,
    capacity           integer     NOT NULL CHECK (capacity >= 0),
    presence           text        NOT NULL DEFAULT 'offline',
    open_conversations integer     NOT NULL DEFAULT 0 CHECK (open_conversations >= 0),
    last_assigned_at   timestamptz NULL,
    created_at         timestamptz NOT NULL
);

CREATE TABLE agent_skills (
    agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    skill    text NOT NULL,
    PRIMARY KEY (agent_id, skill)
);
