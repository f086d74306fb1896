-- Bulk Data export jobs (docs/bulk-data.md). A job is what its kick-off asked for and who asked (the client,
-- its organization and scopes: the worker reads with that caller's read scope), its snapshot time
-- (transaction_time: every version written before it, none after), where it has got to (type_index and
-- after_id: the next page starts after that id) and the lease of the replica running it (expires on the
-- database's clock, so a dead replica's job is taken over and resumed).
CREATE TABLE bulk_export_job (
    job_id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    client_id        VARCHAR(128)  NOT NULL,
    organization     VARCHAR(128)  NOT NULL,
    scopes           VARCHAR(2000) NOT NULL,
    request_url      VARCHAR(4000) NOT NULL,
    export_level     VARCHAR(16)   NOT NULL,
    group_id         VARCHAR(64),
    patients_listed  BOOLEAN       NOT NULL,
    types            VARCHAR(2000) NOT NULL,
    since_ms         BIGINT,
    type_filters     TEXT,
    transaction_time BIGINT        NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    created          BIGINT        NOT NULL,
    finished         BIGINT,
    expires          BIGINT,
    type_index       INTEGER       NOT NULL,
    after_id         VARCHAR(64)   NOT NULL,
    exported         BIGINT        NOT NULL,
    attempts         INTEGER       NOT NULL,
    error_text       VARCHAR(1000),
    lease_owner      VARCHAR(128),
    lease_expires    BIGINT
);
CREATE INDEX bulk_export_job_status ON bulk_export_job (status, lease_expires);
CREATE INDEX bulk_export_job_expires ON bulk_export_job (expires);

-- The patients a Patient-level export with a patient parameter, or a Group-level export, is about
-- (patients_listed): fixed at kick-off, so a resumed job exports the same people.
CREATE TABLE bulk_export_patient (
    job_id     VARCHAR(64) NOT NULL,
    patient_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (job_id, patient_id)
);

-- The job's files: one per type and kind (output, deleted) until it holds its limit of resources, then the
-- next. Their NDJSON is in the database, in chunks of one page each, so any replica serves a file another
-- replica wrote, and a download streams chunk by chunk.
CREATE TABLE bulk_export_file (
    job_id    VARCHAR(64) NOT NULL,
    file_no   INTEGER     NOT NULL,
    kind      VARCHAR(16) NOT NULL,
    res_type  VARCHAR(64) NOT NULL,
    res_count INTEGER     NOT NULL,
    chunks    INTEGER     NOT NULL,
    PRIMARY KEY (job_id, file_no)
);

CREATE TABLE bulk_export_chunk (
    job_id   VARCHAR(64) NOT NULL,
    file_no  INTEGER     NOT NULL,
    chunk_no INTEGER     NOT NULL,
    ndjson   TEXT        NOT NULL,
    PRIMARY KEY (job_id, file_no, chunk_no)
);
