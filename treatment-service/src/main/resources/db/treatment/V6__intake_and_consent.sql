-- Each client's file at each clinic, as the intake projection folds it: the latest intake's answers
-- (null once the client is forgotten) and its red flags, and the state of each kind of consent; each
-- row names the sequence of the file's event it last took, so an older event applied again changes nothing.
CREATE TABLE intake (
    client_id      UUID        NOT NULL,
    clinic_id      UUID        NOT NULL,
    form           TEXT        NOT NULL,
    form_version   INTEGER     NOT NULL,
    language       TEXT        NOT NULL,
    answers        JSONB,
    submitted_at   TIMESTAMPTZ NOT NULL,
    red_flag       BOOLEAN     NOT NULL DEFAULT false,
    red_flags      TEXT[]      NOT NULL DEFAULT '{}',
    last_sequence  BIGINT      NOT NULL,
    PRIMARY KEY (client_id, clinic_id)
);

CREATE INDEX intake_clinic ON intake (clinic_id);

CREATE TABLE consent (
    client_id    UUID        NOT NULL,
    clinic_id    UUID        NOT NULL,
    kind         TEXT        NOT NULL,
    text_version TEXT        NOT NULL,
    via          TEXT        NOT NULL,
    given_at     TIMESTAMPTZ NOT NULL,
    withdrawn_at TIMESTAMPTZ,
    withdrawn_via TEXT,
    last_sequence BIGINT      NOT NULL,
    PRIMARY KEY (client_id, clinic_id, kind)
);

CREATE INDEX consent_clinic ON consent (clinic_id);
