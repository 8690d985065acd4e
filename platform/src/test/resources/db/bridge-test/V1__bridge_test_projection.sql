-- The read model of the bridge tests: counts that would show a change applied twice, and per-aggregate
-- order as the projection saw it.
CREATE TABLE bridge_session (
    session_id     VARCHAR(64) PRIMARY KEY,
    events         INTEGER     NOT NULL,
    last_sequence  BIGINT      NOT NULL,
    out_of_order   INTEGER     NOT NULL DEFAULT 0,
    last_type      VARCHAR(64) NOT NULL
);

CREATE TABLE bridge_handled_event (
    event_id   VARCHAR(64) NOT NULL,
    session_id VARCHAR(64) NOT NULL,
    sequence   BIGINT      NOT NULL,
    instance   VARCHAR(16) NOT NULL
);
CREATE INDEX bridge_handled_event_session ON bridge_handled_event (session_id);
