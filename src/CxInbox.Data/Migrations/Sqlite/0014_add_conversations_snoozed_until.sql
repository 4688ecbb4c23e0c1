-- A snoozed conversation comes back (status open) at this time, or earlier when the customer writes.
ALTER TABLE conversations ADD COLUMN snoozed_until TEXT NULL;
