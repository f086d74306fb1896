-- Event numbers get a table of their own (docs/subscriptions.md). A write that makes events raises its
-- subscriptions' counters and holds those rows locked until it commits, which keeps numbers in commit
-- order. The delivery worker records acknowledgements and renews its leases in subscription_state, so it
-- no longer waits for every write in flight that makes an event for the same subscription.
CREATE TABLE subscription_counter (
    sub_id             VARCHAR(64) NOT NULL PRIMARY KEY,
    events_since_start BIGINT      NOT NULL
);
INSERT INTO subscription_counter (sub_id, events_since_start) SELECT sub_id, events_since_start FROM subscription_state;
ALTER TABLE subscription_state DROP COLUMN events_since_start;
