-- The outcome questionnaires a client answered with her intake at a clinic: the latest per instrument,
-- waiting for a case there (case_id empty) or taken by one as its baseline.
CREATE TABLE intake_measure (
    client_id     UUID             NOT NULL,
    clinic_id     UUID             NOT NULL,
    instrument    TEXT             NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    answered_at   TIMESTAMPTZ      NOT NULL,
    case_id       UUID,
    last_sequence BIGINT           NOT NULL,
    PRIMARY KEY (client_id, clinic_id, instrument)
);
