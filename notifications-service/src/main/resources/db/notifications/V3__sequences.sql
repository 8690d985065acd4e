-- The booking aggregate's sequence each row was last changed by: a copy of an older event (one the
-- inbox no longer remembers) changes nothing, and plans nothing.
ALTER TABLE session ADD COLUMN last_sequence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE recipient ADD COLUMN last_sequence BIGINT NOT NULL DEFAULT 0;
