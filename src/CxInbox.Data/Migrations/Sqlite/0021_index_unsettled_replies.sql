-- The stalled-reply sweeper looks every few seconds for replies left pending or sending too long: only unsettled
-- replies are in this index, so the look stays cheap however long the message history grows.
CREATE INDEX messages_unsettled_replies ON messages (delivery_updated_at) WHERE delivery_status IN ('pending', 'sending');
