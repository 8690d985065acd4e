-- What the treatment service knows of booking (from the booking topic): clients and sessions.
CREATE TABLE booking_client (
    client_id UUID PRIMARY KEY,
    name      TEXT NOT NULL
);

CREATE TABLE booking_session (
    session_id        UUID PRIMARY KEY,
    client_id         UUID        NOT NULL,
    therapist_id      UUID        NOT NULL,
    clinic_id         UUID        NOT NULL,
    session_type_name TEXT        NOT NULL,
    starts_at         TIMESTAMPTZ NOT NULL,
    ends_at           TIMESTAMPTZ NOT NULL,
    time_zone         TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    cancelled_by      TEXT,
    late_cancellation BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX booking_session_client ON booking_session (client_id, starts_at);
CREATE INDEX booking_session_clinic ON booking_session (clinic_id, starts_at);

-- The exercise library.
CREATE TABLE exercise (
    exercise_id UUID PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    added_by    TEXT NOT NULL
);

-- Outcome reporting, built from this service's events.
CREATE TABLE outcome_case (
    case_id                UUID PRIMARY KEY,
    client_id              UUID        NOT NULL,
    clinic_id              UUID        NOT NULL,
    therapist_id           UUID        NOT NULL,
    complaint              TEXT        NOT NULL,
    finding_code           TEXT        NOT NULL,
    finding_label          TEXT        NOT NULL,
    side                   TEXT        NOT NULL,
    opened_at              TIMESTAMPTZ NOT NULL,
    baseline_pain          INTEGER,
    baseline_at            TIMESTAMPTZ,
    latest_pain            INTEGER,
    sessions_assessed      INTEGER     NOT NULL DEFAULT 0,
    meaningful_at          TIMESTAMPTZ,
    sessions_to_meaningful INTEGER,
    days_to_meaningful     INTEGER,
    plan_id                UUID,
    plan_revision          INTEGER     NOT NULL DEFAULT 0,
    progress_done          INTEGER     NOT NULL DEFAULT 0,
    progress_skipped       INTEGER     NOT NULL DEFAULT 0,
    discharged_at          TIMESTAMPTZ,
    final_pain             INTEGER,
    back_to_activity       BOOLEAN,
    discharge_reason       TEXT
);
CREATE INDEX outcome_case_client ON outcome_case (client_id);
CREATE INDEX outcome_case_clinic ON outcome_case (clinic_id, opened_at);

CREATE TABLE outcome_assessment (
    assessment_id UUID PRIMARY KEY,
    case_id       UUID        NOT NULL,
    session_id    UUID        NOT NULL,
    pain          INTEGER     NOT NULL,
    trigger_points INTEGER    NOT NULL,
    tightness     TEXT        NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX outcome_assessment_case ON outcome_assessment (case_id, recorded_at);

CREATE TABLE outcome_technique (
    case_id    UUID NOT NULL,
    technique  TEXT NOT NULL,
    session_id UUID NOT NULL,
    PRIMARY KEY (case_id, technique, session_id)
);

CREATE TABLE outcome_plan_exercise (
    case_id     UUID    NOT NULL,
    position    INTEGER NOT NULL,
    exercise_id UUID    NOT NULL,
    name        TEXT    NOT NULL,
    dose        TEXT    NOT NULL,
    PRIMARY KEY (case_id, position)
);

CREATE TABLE outcome_progress (
    event_id    TEXT PRIMARY KEY,
    case_id     UUID        NOT NULL,
    exercise_id UUID        NOT NULL,
    outcome     TEXT        NOT NULL,
    pain        INTEGER,
    day         DATE        NOT NULL,
    logged_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX outcome_progress_case ON outcome_progress (case_id, day);
