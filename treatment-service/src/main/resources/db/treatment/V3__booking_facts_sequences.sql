-- The booking aggregate's sequence each row was last changed by: a copy of an older event (one the
-- inbox no longer remembers, or a replay of the topic) changes nothing.
ALTER TABLE booking_session ADD COLUMN last_sequence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE booking_client ADD COLUMN last_sequence BIGINT NOT NULL DEFAULT 0;
