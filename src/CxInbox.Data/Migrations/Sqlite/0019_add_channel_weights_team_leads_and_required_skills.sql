-- Per-channel capacity weights (issue 7). A conversation's weight, in hundredths of a slot (an e-mail 50, a chat 100),
-- is set from Routing:ChannelWeights while it has no agent, and stays fixed while an agent holds it: the agent's load
-- adds exactly that figure at the claim and takes exactly that figure away when the conversation leaves them, so a
-- configuration change never makes a load drift or go negative. Every conversation so far weighed 1.
ALTER TABLE conversations ADD COLUMN weight_hundredths INTEGER NOT NULL DEFAULT 100 CHECK (weight_hundredths BETWEEN 1 AND 100);
ALTER TABLE agents ADD COLUMN load_hundredths INTEGER NOT NULL DEFAULT 0 CHECK (load_hundredths >= 0);
UPDATE agents SET load_hundredths = open_conversations * 100;

-- Team-lead escalation (issue 7), in this file because one migration number was given for both. A team's lead is an
-- agent; when nobody else can take a conversation its agent has not answered in time, the lead is told and the
-- conversation is marked (it stays with its agent: capacity is never exceeded, the lead's neither).
CREATE TABLE team_leads (
    team       TEXT PRIMARY KEY,
    agent_id   TEXT NOT NULL REFERENCES agents (id),
    set_at     TEXT NOT NULL,
    set_by     TEXT NOT NULL
);
ALTER TABLE conversations ADD COLUMN escalated_at TEXT NULL;
ALTER TABLE conversations ADD COLUMN escalated_to TEXT NULL;

-- Skills in eligibility (issue 7): the skill the routing table's row requires of the conversation's agent; NULL: none.
ALTER TABLE conversations ADD COLUMN required_skill TEXT NULL;
