-- Agents' replies are messages with direction 'outbound'. Until the provider accepts one it has no provider id of
-- its own: provider_message_id holds 'reply:<reply_id>' and is replaced on acceptance.
ALTER TABLE messages ADD COLUMN reply_id uuid NULL;
ALTER TABLE messages ADD COLUMN delivery_status text NULL;
-- The order of delivery states (pending 0 … read 5, undelivered and failed 6) so that a late or repeated report never
-- moves a message backwards; see CxInbox.Routing.Delivery.DeliveryProgress.
ALTER TABLE messages ADD COLUMN delivery_rank integer NULL;
ALTER TABLE messages ADD COLUMN delivery_error_code text NULL;
ALTER TABLE messages ADD COLUMN delivery_error text NULL;
ALTER TABLE messages ADD COLUMN delivery_updated_at timestamptz NULL;

CREATE UNIQUE INDEX messages_reply_id ON messages (reply_id) WHERE reply_id IS NOT NULL;
