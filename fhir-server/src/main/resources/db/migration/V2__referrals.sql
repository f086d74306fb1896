-- A referral is known by its ServiceRequest identifier: a retried referral finds its first copy here.
CREATE TABLE referral_identifier (
    ident_system       VARCHAR(255) NOT NULL,
    ident_value        VARCHAR(255) NOT NULL,
    service_request_id VARCHAR(64)  NOT NULL,
    PRIMARY KEY (ident_system, ident_value)
);

-- Exactly one fulfilment Task per referral: the primary key makes a second one impossible.
CREATE TABLE referral_task (
    service_request_id VARCHAR(64) NOT NULL PRIMARY KEY,
    task_id            VARCHAR(64) NOT NULL
);

-- The answer given to the transaction that created a referral, replayed when the EHR retries it.
CREATE TABLE referral_intake (
    service_request_id VARCHAR(64) NOT NULL PRIMARY KEY,
    response_body      TEXT        NOT NULL
);
