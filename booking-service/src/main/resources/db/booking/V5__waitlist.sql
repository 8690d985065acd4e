-- How long a clinic holds a slot offered to a waitlisted client; null keeps the default (two hours).
ALTER TABLE scheduling_booking_rules ADD COLUMN offer_hold_minutes INTEGER;

-- The waitlist read model: who waits for what at which clinic, and the offers made to them. Built by the
-- "waitlist" projection; the offering reads it to find the next client in order, and the expiry to find
-- offers whose time has run out.
CREATE TABLE waitlist_entry (
    entry_id        UUID PRIMARY KEY,
    client_id       UUID        NOT NULL,
    clinic_id       UUID        NOT NULL,
    session_type_id UUID        NOT NULL,
    therapist_id    UUID,
    times           TEXT        NOT NULL,
    urgency         SMALLINT    NOT NULL,
    status          TEXT        NOT NULL,
    joined_at       TIMESTAMPTZ NOT NULL,
    offer_id        UUID,
    offer_expires_at TIMESTAMPTZ
);
CREATE INDEX waitlist_entry_queue ON waitlist_entry (clinic_id, session_type_id, urgency DESC, joined_at) WHERE status = 'WAITING';
CREATE INDEX waitlist_entry_client ON waitlist_entry (client_id);
CREATE INDEX waitlist_entry_clinic ON waitlist_entry (clinic_id, status);
CREATE INDEX waitlist_entry_offer_due ON waitlist_entry (offer_expires_at) WHERE status = 'OFFERED';

-- Every offer made: which client was offered which therapist's time, so a time is offered to each client once.
CREATE TABLE waitlist_offer (
    offer_id     UUID PRIMARY KEY,
    entry_id     UUID        NOT NULL,
    client_id    UUID        NOT NULL,
    clinic_id    UUID        NOT NULL,
    therapist_id UUID        NOT NULL,
    room_id      UUID        NOT NULL,
    session_type_id UUID     NOT NULL,
    starts_at    TIMESTAMPTZ NOT NULL,
    ends_at      TIMESTAMPTZ NOT NULL,
    -- the end of the time held, the session type's buffer included: what free-slot search keeps clear
    busy_until   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    status       TEXT        NOT NULL
);
CREATE INDEX waitlist_offer_time ON waitlist_offer (therapist_id, starts_at);
CREATE INDEX waitlist_offer_held_room ON waitlist_offer (room_id, starts_at) WHERE status = 'OFFERED';
CREATE INDEX waitlist_offer_entry ON waitlist_offer (entry_id);
