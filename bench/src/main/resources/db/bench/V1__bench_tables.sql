-- The projection both consumers of the benchmark write, and the plain-JDBC copy of the event table.
CREATE TABLE bench_session (
    session_id    VARCHAR(64) PRIMARY KEY,
    events        INTEGER     NOT NULL,
    last_sequence BIGINT      NOT NULL
);

CREATE TABLE bench_plain_session (
    session_id    VARCHAR(64) PRIMARY KEY,
    events        INTEGER     NOT NULL,
    last_sequence BIGINT      NOT NULL
);

CREATE TABLE bench_plain_event (LIKE domain_event_entry INCLUDING ALL);
