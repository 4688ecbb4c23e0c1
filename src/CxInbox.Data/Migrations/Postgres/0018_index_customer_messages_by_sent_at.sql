-- The supervisor dashboard counts the customer messages of a day (or of a chosen range) by hour: without this index
-- every refresh would read the whole message history.
CREATE INDEX messages_inbound_sent_at ON messages (sent_at) WHERE direction = 'inbound';
