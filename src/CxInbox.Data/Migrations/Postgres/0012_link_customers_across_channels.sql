-- The identity by which a customer is recognised on every channel (CxInbox.Routing.Customers.CustomerLinkKey),
-- and the customer a merged one now lives in.
ALTER TABLE customer_identities ADD COLUMN link_key text NULL;
UPDATE customer_identities SET link_key = CASE
    WHEN channel IN ('sms', 'mms', 'whatsapp', 'voice') THEN 'phone:' || address
    WHEN channel = 'email' THEN 'email:' || lower(address)
    WHEN channel IN ('x', 'x-dm') THEN 'x:' || address
    ELSE channel || ':' || address
END;
CREATE INDEX customer_identities_link_key ON customer_identities (link_key);
ALTER TABLE customers ADD COLUMN merged_into uuid NULL;
