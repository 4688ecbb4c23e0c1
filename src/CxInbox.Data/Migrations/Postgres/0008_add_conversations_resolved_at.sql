ALTER TABLE conversations ADD COLUMN resolved_at timestamptz NULL;
