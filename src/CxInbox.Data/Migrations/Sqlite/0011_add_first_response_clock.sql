ALTER TABLE conversations ADD COLUMN response_due_at TEXT NULL;
ALTER TABLE conversations ADD COLUMN sla_breached_at TEXT NULL;
CREATE INDEX ix_conversations_response_due ON conversations (response_due_at) WHERE response_due_at IS NOT NULL AND sla_breached_at IS NULL;
