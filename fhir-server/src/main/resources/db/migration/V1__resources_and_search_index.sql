-- One row per resource: its current version. Timestamps are epoch milliseconds (same on H2 and PostgreSQL).
CREATE TABLE resource (
    res_type     VARCHAR(64)  NOT NULL,
    res_id       VARCHAR(64)  NOT NULL,
    version      INTEGER      NOT NULL,
    last_updated BIGINT       NOT NULL,
    deleted      BOOLEAN      NOT NULL,
    body         TEXT,
    PRIMARY KEY (res_type, res_id)
);
CREATE INDEX resource_type_updated ON resource (res_type, last_updated);

-- Every version ever written, the current one included: vread and _history read from here.
CREATE TABLE resource_history (
    res_type     VARCHAR(64)  NOT NULL,
    res_id       VARCHAR(64)  NOT NULL,
    version      INTEGER      NOT NULL,
    last_updated BIGINT       NOT NULL,
    deleted      BOOLEAN      NOT NULL,
    method       VARCHAR(8)   NOT NULL,
    body         TEXT,
    PRIMARY KEY (res_type, res_id, version)
);
CREATE INDEX resource_history_type_updated ON resource_history (res_type, last_updated);
CREATE INDEX resource_history_updated ON resource_history (last_updated);

-- Search index rows of the current version of each live resource, one table per search parameter type.
CREATE TABLE idx_token (
    res_type  VARCHAR(64)  NOT NULL,
    res_id    VARCHAR(64)  NOT NULL,
    param     VARCHAR(64)  NOT NULL,
    sys       VARCHAR(255),
    code      VARCHAR(255) NOT NULL
);
CREATE INDEX idx_token_lookup ON idx_token (res_type, param, code, sys);
CREATE INDEX idx_token_owner ON idx_token (res_type, res_id);

CREATE TABLE idx_string (
    res_type    VARCHAR(64)  NOT NULL,
    res_id      VARCHAR(64)  NOT NULL,
    param       VARCHAR(64)  NOT NULL,
    value_norm  VARCHAR(255) NOT NULL,
    value_exact VARCHAR(255) NOT NULL
);
CREATE INDEX idx_string_lookup ON idx_string (res_type, param, value_norm);
CREATE INDEX idx_string_owner ON idx_string (res_type, res_id);

CREATE TABLE idx_date (
    res_type  VARCHAR(64) NOT NULL,
    res_id    VARCHAR(64) NOT NULL,
    param     VARCHAR(64) NOT NULL,
    low       BIGINT      NOT NULL,
    high      BIGINT      NOT NULL
);
CREATE INDEX idx_date_lookup ON idx_date (res_type, param, low, high);
CREATE INDEX idx_date_owner ON idx_date (res_type, res_id);

CREATE TABLE idx_reference (
    res_type    VARCHAR(64) NOT NULL,
    res_id      VARCHAR(64) NOT NULL,
    param       VARCHAR(64) NOT NULL,
    target_type VARCHAR(64) NOT NULL,
    target_id   VARCHAR(64) NOT NULL
);
CREATE INDEX idx_reference_lookup ON idx_reference (res_type, param, target_type, target_id);
CREATE INDEX idx_reference_target ON idx_reference (target_type, target_id);
CREATE INDEX idx_reference_owner ON idx_reference (res_type, res_id);

-- Conditional creates claim their criteria here, so two concurrent identical creates cannot both succeed.
CREATE TABLE conditional_claim (
    res_type  VARCHAR(64)  NOT NULL,
    criteria  VARCHAR(512) NOT NULL,
    res_id    VARCHAR(64)  NOT NULL,
    PRIMARY KEY (res_type, criteria)
);
CREATE INDEX conditional_claim_owner ON conditional_claim (res_type, res_id);
