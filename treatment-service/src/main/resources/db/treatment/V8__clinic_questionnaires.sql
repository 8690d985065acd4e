-- The clinics booking told of: questionnaires are set only for a clinic that exists.
CREATE TABLE booking_clinic (
    clinic_id     UUID PRIMARY KEY,
    name          TEXT   NOT NULL
);

-- Each clinic's questionnaires as an admin last set them; a clinic without a row is on the defaults.
CREATE TABLE clinic_questionnaires (
    clinic_id           UUID PRIMARY KEY,
    intake_form         TEXT        NOT NULL,
    intake_form_version INTEGER     NOT NULL,
    follow_up_every     INTEGER     NOT NULL,
    set_at              TIMESTAMPTZ NOT NULL
);

-- Whether the case's client was asked to answer the instrument again and has not yet.
ALTER TABLE outcome_case_measure ADD COLUMN follow_up_due BOOLEAN NOT NULL DEFAULT false;
