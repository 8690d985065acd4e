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

-- the same columns and keys as Axon's table, with a sequence of its own (sharing Axon's would leave
-- gaps in the global index that the publisher's gap-aware token then has to track)
CREATE TABLE bench_plain_event (
    global_index         BIGSERIAL    NOT NULL PRIMARY KEY,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    UNIQUE (aggregate_identifier, sequence_number)
);
