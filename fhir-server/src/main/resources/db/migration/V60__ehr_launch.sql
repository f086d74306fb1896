-- EHRs whose clinicians open PeerBridge from inside the EHR (SMART App Launch, EHR launch): the issuer (the
-- EHR's FHIR base URL, the launch's iss), the referring organization whose clinicians it launches, the client
-- id PeerBridge has at that EHR, and the keys that sign the EHR's id_tokens (a JWKS, or where to fetch one).
CREATE TABLE ehr_registration (
    name         VARCHAR(128)  NOT NULL PRIMARY KEY,
    issuer       VARCHAR(1000) NOT NULL,
    organization VARCHAR(128)  NOT NULL,
    client_id    VARCHAR(255)  NOT NULL,
    jwks         TEXT,
    jwks_url     VARCHAR(1000),
    enabled      BOOLEAN       NOT NULL,
    created      BIGINT        NOT NULL
);
CREATE UNIQUE INDEX ehr_registration_issuer ON ehr_registration (issuer);

-- Launches under way, between the redirect to the EHR's authorize endpoint and its answer at /launch/callback,
-- so that any replica takes the answer: only the SHA-256 of the state is stored; the PKCE verifier and the
-- nonce are used once. What discovery said is kept with them, so the callback asks nothing again.
CREATE TABLE ehr_launch (
    state_hash      VARCHAR(64)   NOT NULL PRIMARY KEY,
    ehr             VARCHAR(128)  NOT NULL,
    code_verifier   VARCHAR(128)  NOT NULL,
    nonce           VARCHAR(64)   NOT NULL,
    redirect_uri    VARCHAR(1000) NOT NULL,
    token_endpoint  VARCHAR(1000) NOT NULL,
    id_token_issuer VARCHAR(1000) NOT NULL,
    created         BIGINT        NOT NULL
);
CREATE INDEX ehr_launch_created ON ehr_launch (created);

-- PeerBridge's own key pairs, with which it proves who it is at an EHR's token endpoint (private_key_jwt). In the
-- database, so every replica signs with the same key and publishes the same key set (/launch/jwks).
CREATE TABLE launch_key (
    kid         VARCHAR(64) NOT NULL PRIMARY KEY,
    private_jwk TEXT        NOT NULL,
    created     BIGINT      NOT NULL
);

-- A session opened by an EHR launch names its registration: its organization is the registration's, its role
-- referrer, and it ends when the registration is disabled. A signed-in user's session has no ehr.
ALTER TABLE web_session ADD COLUMN ehr VARCHAR(128);
