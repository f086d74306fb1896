-- People who sign in to the web pages: a role and the organization they act for, a bcrypt password hash,
-- and the consecutive failed sign-ins that throttle guessing (locked_until, epoch ms).
CREATE TABLE web_user (
    username      VARCHAR(128) NOT NULL PRIMARY KEY,
    role          VARCHAR(16)  NOT NULL,
    organization  VARCHAR(128) NOT NULL,
    password_hash VARCHAR(128) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    failed_logins INTEGER      NOT NULL,
    locked_until  BIGINT       NOT NULL,
    created       BIGINT       NOT NULL
);

-- Signed-in sessions, shared by replicas: only the SHA-256 of the cookie is stored; the CSRF token of its
-- forms; last_seen ends an idle session, created ends any session after its lifetime.
CREATE TABLE web_session (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    username   VARCHAR(128) NOT NULL,
    csrf_token VARCHAR(64)  NOT NULL,
    created    BIGINT       NOT NULL,
    last_seen  BIGINT       NOT NULL
);
CREATE INDEX web_session_user ON web_session (username);
