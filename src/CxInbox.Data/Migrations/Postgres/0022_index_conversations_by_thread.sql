-- Where a returning customer's message goes is decided by the latest conversation on its thread, resolved or not;
-- the unique index on the thread holds only unresolved ones, so without this one every such message read the whole
-- table.
CREATE INDEX conversations_thread ON conversations (channel, channel_account, customer_address, created_at);
