-- Workload 5's check in PostgreSQL alone: a store of 5,000 three-event aggregates (a practice), shaped as
-- the event store (V1__axon_storage.sql). Run in an empty database: psql -d probe -f bench/probe/aggregate-load-setup.sql
-- the event store's tables as the platform's first migration makes them
\ir ../../platform/src/main/resources/db/platform/V1__axon_storage.sql
-- the practice: 5,000 aggregates of 3 events each
INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, payload_type, time_stamp)
SELECT uuid_in(md5('p' || (g / 3)::text)::cstring)::text, g % 3, 'Schedule', gen_random_uuid()::text,
       convert_to(repeat('m', 290), 'UTF8'), convert_to(repeat('p', 270), 'UTF8'), 'io.soleus.SlotReserved', now()::text
FROM generate_series(0, 14999) g;
CREATE TABLE probe_ids AS SELECT row_number() OVER () AS n, id FROM (SELECT DISTINCT aggregate_identifier AS id FROM domain_event_entry) a;
CREATE UNIQUE INDEX ON probe_ids (n);
VACUUM ANALYZE;
