-- Identifier claims are per organization: one organization's conditional create or referral identifier never
-- blocks, or reveals anything to, another. The criteria of a conditional create are kept as a SHA-256 hash
-- (fixed length, and no identifier value at rest in this table). Old claims are dropped: a claim only matters
-- while two identical creates race; afterwards the search finds the resource.
DROP TABLE conditional_claim;
CREATE TABLE conditional_claim (
    res_type      VARCHAR(64)  NOT NULL,
    organization  VARCHAR(128) NOT NULL,
    criteria_hash VARCHAR(64)  NOT NULL,
    res_id        VARCHAR(64)  NOT NULL,
    PRIMARY KEY (res_type, organization, criteria_hash)
);
CREATE INDEX conditional_claim_owner ON conditional_claim (res_type, res_id);

-- A referral is known by its ServiceRequest identifier within the organization that sent it.
CREATE TABLE referral_identifier_by_org (
    organization       VARCHAR(128) NOT NULL,
    ident_system       VARCHAR(255) NOT NULL,
    ident_value        VARCHAR(255) NOT NULL,
    service_request_id VARCHAR(64)  NOT NULL,
    PRIMARY KEY (organization, ident_system, ident_value)
);
INSERT INTO referral_identifier_by_org (organization, ident_system, ident_value, service_request_id)
SELECT COALESCE((SELECT MIN(a.organization) FROM access_scope a
                 WHERE a.res_type = 'ServiceRequest' AND a.res_id = r.service_request_id), ''),
       r.ident_system, r.ident_value, r.service_request_id
FROM referral_identifier r;
DROP TABLE referral_identifier;
CREATE INDEX referral_identifier_by_org_request ON referral_identifier_by_org (service_request_id);
