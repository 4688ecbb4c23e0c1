CREATE TABLE agents (
    id                 TEXT        PRIMARY KEY,
    name               TEXT        NOT NULL,
    capacity           INTEGER     NOT NULL CHECK (capacity >= 0),
    presence           TEXT        NOT NULL DEFAULT 'offline',
    open_conversations INTEGER     NOT NULL DEFAULT 0 CHECK (open_conversations >= 0),
    last_assigned_at   TEXT NULL,
    created_at         TEXT NOT NULL
);

CREATE TABLE agent_skills (
    agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    skill    TEXT NOT NULL,
    PRIMARY KEY (agent_id, skill)
);
