-- What an agent answers in and works on (comma-separated lower-case keys); empty: any language, every channel.
ALTER TABLE agents ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE agents ADD COLUMN channels TEXT NOT NULL DEFAULT '';
