-- Requests each replica admitted per client in each fixed window. A replica counts in memory and writes only its
-- own rows, about once a second from a background thread, never in a request's transaction; it reads the other
-- replicas' rows back in the same step. So no row is written by two replicas and no request waits for one
-- (the single row per client that every request updated serialized one client's requests across replicas).
DROP TABLE rate_limit;
CREATE TABLE rate_limit_count (
    window_start BIGINT       NOT NULL,
    client_id    VARCHAR(128) NOT NULL,
    replica      VARCHAR(64)  NOT NULL,
    used         INTEGER      NOT NULL,
    PRIMARY KEY (window_start, client_id, replica)
);
