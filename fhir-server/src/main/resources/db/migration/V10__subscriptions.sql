-- Topic-based subscriptions (docs/subscriptions.md). subscription_state is derived from each Subscription's
-- current version in the same transaction, plus what delivery keeps: event numbers, progress, failures
-- and the lease of the replica delivering it.
CREATE TABLE subscription_state (
    sub_id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    organization       VARCHAR(128),
    topic              VARCHAR(255)  NOT NULL,
    filters            TEXT,
    payload            VARCHAR(16)   NOT NULL,
    endpoint           VARCHAR(2000) NOT NULL,
    headers            TEXT,
    heartbeat_ms       BIGINT        NOT NULL,
    timeout_ms         BIGINT        NOT NULL,
    max_count          INTEGER       NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    handshake_done     BOOLEAN       NOT NULL,
    events_since_start BIGINT        NOT NULL,
    delivered_through  BIGINT        NOT NULL,
    failures           INTEGER       NOT NULL,
    next_attempt       BIGINT        NOT NULL,
    last_sent          BIGINT        NOT NULL,
    last_error         VARCHAR(1000),
    lease_owner        VARCHAR(64),
    lease_expires      BIGINT
);
CREATE INDEX subscription_state_topic ON subscription_state (topic, status);
CREATE INDEX subscription_state_due ON subscription_state (next_attempt);

-- The outbox: one row per event of a subscription, written in the transaction of the change. Kept after
-- delivery so that Subscription/[id]/$events can replay it.
CREATE TABLE subscription_event (
    sub_id       VARCHAR(64) NOT NULL,
    event_number BIGINT      NOT NULL,
    res_type     VARCHAR(64) NOT NULL,
    res_id       VARCHAR(64) NOT NULL,
    res_version  INTEGER     NOT NULL,
    occurred     BIGINT      NOT NULL,
    PRIMARY KEY (sub_id, event_number)
);
