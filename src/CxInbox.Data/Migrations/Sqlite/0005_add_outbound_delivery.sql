-- Agents' replies are messages with direction 'outbound'. Until the provider accepts one it has no provider id of
-- its own: provider_message_id holds 'reply:<reply_id>' and is replaced on acceptance.
ALTER TABLE messages ADD COLUMN reply_id TEXT NULL;
ALTER TABLE messages ADD COLUMN delivery_status TEXT NULL;
-- The order of delivery states (pending 0 … read 5, undelivered and failed 6) so that a late or repeated report never
-- moves a message backwards; see CxInbox.Routing.Delivery.DeliveryProgress.
ALTER TABLE messages ADD COLUMN delivery_rank INTEGER NULL;
ALTER TABLE messages ADD COLUMN delivery_error_code TEXT NULL;
ALTER TABLE messages ADD COLUMN delivery_error TEXT NULL;
ALTER TABLE messages ADD COLUMN delivery_updated_at TEXT NULL;

CREATE UNIQUE INDEX messages_reply_id ON messages (reply_id) WHERE reply_id IS NOT NULL;
