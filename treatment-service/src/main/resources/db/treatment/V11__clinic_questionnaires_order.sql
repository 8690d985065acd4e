-- A clinic's questionnaires apply in the order they were set, by the settings' own sequence.
ALTER TABLE clinic_questionnaires ADD COLUMN last_sequence BIGINT NOT NULL DEFAULT 0;
