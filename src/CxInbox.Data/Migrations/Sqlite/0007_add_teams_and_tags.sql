-- Teams an agent works in; an agent with none takes any team's work.
CREATE TABLE agent_teams (
    agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    team     TEXT NOT NULL,
    PRIMARY KEY (agent_id, team)
);

-- The classifier's tags of each customer message, with the cues that decided them (a JSON array).
ALTER TABLE messages ADD COLUMN journey_stage TEXT NULL;
ALTER TABLE messages ADD COLUMN complaint INTEGER NULL;
ALTER TABLE messages ADD COLUMN complaint_confidence REAL NULL;
ALTER TABLE messages ADD COLUMN sales_opportunity INTEGER NULL;
ALTER TABLE messages ADD COLUMN sales_confidence REAL NULL;
ALTER TABLE messages ADD COLUMN language TEXT NULL;
ALTER TABLE messages ADD COLUMN tag_evidence TEXT NULL;

-- The conversation's tags, evolved message by message (CxInbox.Routing.Tagging.ConversationTags), and where the
-- routing table sent it.
ALTER TABLE conversations ADD COLUMN journey_stage TEXT NULL;
ALTER TABLE conversations ADD COLUMN complaint INTEGER NOT NULL DEFAULT FALSE;
ALTER TABLE conversations ADD COLUMN sales_opportunity INTEGER NOT NULL DEFAULT FALSE;
ALTER TABLE conversations ADD COLUMN language TEXT NULL;
ALTER TABLE conversations ADD COLUMN tags_corrected INTEGER NOT NULL DEFAULT FALSE;
ALTER TABLE conversations ADD COLUMN team TEXT NULL;
ALTER TABLE conversations ADD COLUMN routing_rule TEXT NULL;

-- Agents' corrections of tags: labelled feedback, exported for retraining the classifier.
CREATE TABLE tag_corrections (
    id              TEXT        PRIMARY KEY,
    conversation_id TEXT        NOT NULL REFERENCES conversations (id),
    tag             TEXT        NOT NULL,
    old_value       TEXT        NULL,
    new_value       TEXT        NOT NULL,
    note            TEXT        NULL,
    corrected_by    TEXT        NOT NULL,
    corrected_at    TEXT NOT NULL,
    message_text    TEXT        NOT NULL
);

CREATE INDEX tag_corrections_corrected_at ON tag_corrections (corrected_at);
