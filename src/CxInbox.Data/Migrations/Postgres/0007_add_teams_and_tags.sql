-- Teams an agent works in; an agent with none takes any team's work.
CREATE TABLE agent_teams (
    agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    team     text NOT NULL,
    PRIMARY KEY (agent_id, team)
);

-- The classifier's tags of each customer message, with the cues that decided them (a JSON array).
ALTER TABLE messages ADD COLUMN journey_stage text NULL;
ALTER TABLE messages ADD COLUMN complaint boolean NULL;
ALTER TABLE messages ADD COLUMN complaint_confidence double precision NULL;
ALTER TABLE messages ADD COLUMN sales_opportunity boolean NULL;
ALTER TABLE messages ADD COLUMN sales_confidence double precision NULL;
ALTER TABLE messages ADD COLUMN language text NULL;
ALTER TABLE messages ADD COLUMN tag_evidence text NULL;

-- The conversation's tags, evolved message by message (CxInbox.Routing.Tagging.ConversationTags), and where the
-- routing table sent it.
ALTER TABLE conversations ADD COLUMN journey_stage text NULL;
ALTER TABLE conversations ADD COLUMN complaint boolean NOT NULL DEFAULT FALSE;
ALTER TABLE conversations ADD COLUMN sales_opportunity boolean NOT NULL DEFAULT FALSE;
ALTER TABLE conversations ADD COLUMN language text NULL;
ALTER TABLE conversations ADD COLUMN tags_corrected boolean NOT NULL DEFAULT FALSE;
ALTER TABLE conversations ADD COLUMN team text NULL;
ALTER TABLE conversations ADD COLUMN routing_rule text NULL;

-- Agents' corrections of tags: labelled feedback, exported for retraining the classifier.
CREATE TABLE tag_corrections (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversations (id),
    tag             text        NOT NULL,
    old_value       text        NULL,
    new_value       text        NOT NULL,
    note            text        NULL,
    corrected_by    text        NOT NULL,
    corrected_at    timestamptz NOT NULL,
    message_text    text        NOT NULL
);

CREATE INDEX tag_corrections_corrected_at ON tag_corrections (corrected_at);
