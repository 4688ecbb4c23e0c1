-- People who sign in. Usernames are stored lower-case, so the unique index is case-insensitive. The password is
-- never stored: password_hash is ASP.NET Core's PasswordHasher format (PBKDF2, salted, iteration count inside).
CREATE TABLE users (
    id            TEXT        PRIMARY KEY,
    username      TEXT        NOT NULL,
    display_name  TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    agent_id      TEXT        NULL REFERENCES agents (id),
    created_at    TEXT        NOT NULL,
    CHECK ((role = 'agent') = (agent_id IS NOT NULL))
);

CREATE UNIQUE INDEX users_username ON users (username);

-- One person per agent row: the agent's conversations are theirs alone.
CREATE UNIQUE INDEX users_agent ON users (agent_id) WHERE agent_id IS NOT NULL;

-- The teams a supervisor supervises (an agent's teams are its agent row's).
CREATE TABLE user_teams (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team    TEXT NOT NULL,
    PRIMARY KEY (user_id, team)
);

-- Bearer keys for integrators and scripts. Only the SHA-256 of a key is kept (the key is 256 random bits, so a
-- fast hash is enough); the key itself is shown once, when it is created.
CREATE TABLE api_keys (
    id         TEXT        PRIMARY KEY,
    name       TEXT        NOT NULL,
    key_hash   TEXT        NOT NULL,
    role       TEXT        NOT NULL CHECK (role IN ('integrator', 'admin')),
    created_at TEXT        NOT NULL,
    created_by TEXT        NOT NULL,
    revoked_at TEXT        NULL
);

CREATE UNIQUE INDEX api_keys_key_hash ON api_keys (key_hash);

-- ASP.NET Core Data Protection's key ring, shared by every API process so a session cookie issued by one is read
-- by the others and survives a redeploy.
CREATE TABLE data_protection_keys (
    name       TEXT        PRIMARY KEY,
    xml        TEXT        NOT NULL,
    created_at TEXT        NOT NULL
);
