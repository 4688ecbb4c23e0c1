-- Since when the agent has their presence, and whether a supervisor paused them: an agent who set themself away
-- longer than Routing:Presence:AwayGracePeriod hands their conversations back; a paused agent keeps them.
-- NULL for agents who have not changed presence since this migration: their grace starts at their next change.
ALTER TABLE agents ADD COLUMN presence_changed_at TEXT NULL;
ALTER TABLE agents ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
