-- Then ten million more events of other aggregates, settled as a store that grew over time:
-- psql -d probe -f bench/probe/aggregate-load-fill.sql (about four and a half minutes here)
INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, payload_type, time_stamp)
SELECT uuid_in(md5('g' || (g / 3)::text)::cstring)::text, g % 3, 'Session', gen_random_uuid()::text,
       convert_to(repeat('m', 290), 'UTF8'), convert_to(repeat('p', 270), 'UTF8'), 'io.soleus.SessionBooked', now()::text
FROM generate_series(0, 9999999) g;
VACUUM ANALYZE domain_event_entry;
CHECKPOINT;
