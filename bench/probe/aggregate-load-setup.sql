-- Workload 5's check in PostgreSQL alone: a store of 5,000 three-event aggregates (a practice), shaped as
-- the event store (V1__axon_storage.sql). Run in an empty database: psql -d probe -f bench/probe/aggregate-load-setup.sql
DROP TABLE IF EXISTS domain_event_entry, probe_ids;
CREATE TABLE domain_event_entry (
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
    CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
);
-- the practice: 5,000 aggregates of 3 events each
INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, payload_type, time_stamp)
SELECT uuid_in(md5('p' || (g / 3)::text)::cstring)::text, g % 3, 'Schedule', gen_random_uuid()::text,
       convert_to(repeat('m', 290), 'UTF8'), convert_to(repeat('p', 270), 'UTF8'), 'io.soleus.SlotReserved', now()::text
FROM generate_series(0, 14999) g;
CREATE TABLE probe_ids AS SELECT row_number() OVER () AS n, id FROM (SELECT DISTINCT aggregate_identifier AS id FROM domain_event_entry) a;
CREATE UNIQUE INDEX ON probe_ids (n);
VACUUM ANALYZE;
