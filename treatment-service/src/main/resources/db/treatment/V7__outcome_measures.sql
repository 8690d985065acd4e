-- Validated outcome questionnaires (PSFS, LEFS) per case: every answer's score, and per instrument the
-- baseline, the latest score and the instrument's minimal important change, as the reports read them.
CREATE TABLE outcome_measure (
    measure_id  TEXT PRIMARY KEY,
    case_id     UUID             NOT NULL,
    instrument  TEXT             NOT NULL,
    occasion    TEXT             NOT NULL,
    score       DOUBLE PRECISION NOT NULL,
    measured_at TIMESTAMPTZ      NOT NULL,
    -- the answers (a PSFS names the client's own activities, asked again at follow-up); none once she is forgotten
    answers     JSONB
);

CREATE INDEX outcome_measure_case ON outcome_measure (case_id, measured_at);

CREATE TABLE outcome_case_measure (
    case_id                  UUID             NOT NULL,
    instrument               TEXT             NOT NULL,
    baseline                 DOUBLE PRECISION NOT NULL,
    baseline_at              TIMESTAMPTZ      NOT NULL,
    latest                   DOUBLE PRECISION NOT NULL,
    latest_at                TIMESTAMPTZ      NOT NULL,
    minimal_important_change DOUBLE PRECISION NOT NULL,
    answers                  INTEGER          NOT NULL,
    PRIMARY KEY (case_id, instrument)
);
