-- People who sign in. Usernames are stored lower-case, so the unique index is case-insensitive. The password is
-- never stored: password_hash is ASP.NET Core's PasswordHasher format (PBKDF2, salted, iteration count inside).
CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    username      text        NOT NULL,
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    agent_id      uuid        NULL REFERENCES agents (id),
    created_at    timestamptz NOT NULL,
    CHECK ((role = 'agent') = (agent_id IS NOT NULL))
);

CREATE UNIQUE INDEX users_username ON users (username);

-- One person per agent row: the agent's conversations are theirs alone.
CREATE UNIQUE INDEX users_agent ON users (agent_id) WHERE agent_id IS NOT NULL;

-- The teams a supervisor supervises (an agent's teams are its agent row's).
CREATE TABLE user_teams (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team    text NOT NULL,
    PRIMARY KEY (user_id, team)
);

-- Bearer keys for integrators and scripts. Only the SHA-256 of a key is kept (the key is 256 random bits, so a
-- fast hash is enough); the key itself is shown once, when it is created.
CREATE TABLE api_keys (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    key_hash   text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('integrator', 'admin')),
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    revoked_at timestamptz NULL
);

CREATE UNIQUE INDEX api_keys_key_hash ON api_keys (key_hash);

-- ASP.NET Core Data Protection's key ring, shared by every API process so a session cookie issued by one is read
-- by the others and survives a redeploy.
CREATE TABLE data_protection_keys (
    name       text        PRIMARY KEY,
    xml        text        NOT NULL,
    created_at timestamptz NOT NULL
);
