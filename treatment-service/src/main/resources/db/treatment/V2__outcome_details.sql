-- The session page and a case's timeline show what was found and done in each session: each
-- assessment's trigger points and notes, and each technique with its site, dose and response.
ALTER TABLE outcome_assessment
    ADD COLUMN findings JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN notes    TEXT;

CREATE TABLE outcome_treatment (
    event_id   TEXT PRIMARY KEY,
    case_id    UUID        NOT NULL,
    session_id UUID        NOT NULL,
    technique  TEXT        NOT NULL,
    muscle     TEXT        NOT NULL,
    side       TEXT        NOT NULL,
    region     TEXT,
    pressure   TEXT,
    seconds    INTEGER     NOT NULL,
    response   TEXT        NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX outcome_treatment_case ON outcome_treatment (case_id, applied_at);

-- Drill-down lists filter cases by therapist and finding as well as by clinic.
CREATE INDEX outcome_case_therapist ON outcome_case (therapist_id, opened_at);

-- Rebuilt from the event store: emptied here, and the outcomes projection, finding no token, replays
-- every event when the service starts.
TRUNCATE outcome_case, outcome_assessment, outcome_technique, outcome_plan_exercise, outcome_progress;
DELETE FROM token_entry WHERE processor_name = 'outcomes';
