-- The calendar subscription links of therapists and clients: one per person at most, a new one
-- replacing the old. Only a SHA-256 hash of the link's secret is kept, so a copy of this table
-- opens no one's calendar. Not part of the scheduling read model: a replay leaves links alone.
CREATE TABLE calendar_feed (
    owner_kind  TEXT        NOT NULL,
    owner_id    UUID        NOT NULL,
    secret_hash BYTEA       NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (owner_kind, owner_id)
);

-- A therapist's feed lists cancelled sessions too, which the partial index of free-slot search leaves out.
CREATE INDEX scheduling_session_therapist_every ON scheduling_session (therapist_id, starts_at);
