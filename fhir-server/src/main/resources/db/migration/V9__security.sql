-- SMART Backend Services clients: who may ask for a token, for which organization and scopes.
-- jwks holds the client's public keys (a JWKS document) unless jwks_url names where to fetch them.
CREATE TABLE auth_client (
    client_id    VARCHAR(128)  NOT NULL PRIMARY KEY,
    organization VARCHAR(128)  NOT NULL,
    scopes       VARCHAR(2000) NOT NULL,
    jwks         TEXT,
    jwks_url     VARCHAR(1000),
    enabled      BOOLEAN       NOT NULL,
    created      BIGINT        NOT NULL
);

-- Issued bearer tokens, opaque to clients: only a SHA-256 hash is stored, so a database dump holds no usable token.
CREATE TABLE auth_token (
    token_hash VARCHAR(64)   NOT NULL PRIMARY KEY,
    client_id  VARCHAR(128)  NOT NULL,
    scopes     VARCHAR(2000) NOT NULL,
    expires    BIGINT        NOT NULL
);
CREATE INDEX auth_token_expires ON auth_token (expires);

-- Client assertion ids already used: a replayed assertion is refused on every replica.
CREATE TABLE auth_assertion_jti (
    client_id VARCHAR(128) NOT NULL,
    jti       VARCHAR(255) NOT NULL,
    expires   BIGINT       NOT NULL,
    PRIMARY KEY (client_id, jti)
);
CREATE INDEX auth_assertion_jti_expires ON auth_assertion_jti (expires);

-- Requests per client in the current fixed window, shared by every replica.
CREATE TABLE rate_limit (
    client_id    VARCHAR(128) NOT NULL PRIMARY KEY,
    window_start BIGINT       NOT NULL,
    used         INTEGER      NOT NULL
);

-- Which organizations may see a resource (besides the program, which sees everything). Written for every
-- version in the writing transaction; search, history and reads join it.
CREATE TABLE access_scope (
    res_type     VARCHAR(64)  NOT NULL,
    res_id       VARCHAR(64)  NOT NULL,
    organization VARCHAR(128) NOT NULL,
    PRIMARY KEY (res_id, res_type, organization)
);
CREATE INDEX access_scope_by_org ON access_scope (organization, res_type, res_id);

-- The audit trail: one row per request, with the resources it touched in audit_entity.
CREATE TABLE audit_event (
    id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    recorded      BIGINT        NOT NULL,
    event_type    VARCHAR(16)   NOT NULL,
    subtype       VARCHAR(64),
    action        VARCHAR(1)    NOT NULL,
    outcome       VARCHAR(2)    NOT NULL,
    outcome_text  VARCHAR(255),
    client_id     VARCHAR(128),
    organization  VARCHAR(128),
    source        VARCHAR(64),
    http_method   VARCHAR(8)    NOT NULL,
    query         VARCHAR(2000)
);
CREATE INDEX audit_event_recorded ON audit_event (recorded);
CREATE INDEX audit_event_client ON audit_event (client_id, recorded);
CREATE INDEX audit_event_organization ON audit_event (organization, recorded);
CREATE INDEX audit_event_outcome ON audit_event (outcome, recorded);

CREATE TABLE audit_entity (
    audit_id VARCHAR(64) NOT NULL,
    res_type VARCHAR(64) NOT NULL,
    res_id   VARCHAR(64),
    version  INTEGER
);
CREATE INDEX audit_entity_event ON audit_entity (audit_id);
CREATE INDEX audit_entity_resource ON audit_entity (res_id, res_type);
