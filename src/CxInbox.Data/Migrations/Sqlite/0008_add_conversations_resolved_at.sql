ALTER TABLE conversations ADD COLUMN resolved_at TEXT NULL;
