-- A disabled user cannot sign in, and their open sessions end at their next request. session_version is the
-- security stamp every session cookie carries: disabling, a change of role or teams and a new password raise it,
-- which ends every session issued before. Sessions issued before this migration carry none and must sign in again.
ALTER TABLE users ADD COLUMN disabled_at TEXT NULL;
ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;
