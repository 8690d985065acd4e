-- A session booked in a course of treatment names its series; a course's sessions are read together.
ALTER TABLE scheduling_session ADD COLUMN series_id uuid;
CREATE INDEX scheduling_session_series ON scheduling_session (series_id, starts_at) WHERE series_id IS NOT NULL;
