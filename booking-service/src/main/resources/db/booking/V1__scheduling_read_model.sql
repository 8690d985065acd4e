-- The scheduling read model: what the calendars, day sheets and free-slot search read. Built by the
-- "scheduling" projection from this service's events; a reset empties it and a replay rebuilds it.

CREATE TABLE scheduling_clinic (
    clinic_id                 UUID PRIMARY KEY,
    name                      TEXT    NOT NULL,
    address                   TEXT    NOT NULL,
    time_zone                 TEXT    NOT NULL,
    opening_hours             TEXT    NOT NULL,
    late_cancellation_minutes INTEGER NOT NULL,
    closed                    BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE scheduling_room (
    room_id   UUID PRIMARY KEY,
    clinic_id UUID    NOT NULL,
    name      TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    closed    BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX scheduling_room_clinic ON scheduling_room (clinic_id, position);

CREATE TABLE scheduling_therapist (
    therapist_id UUID PRIMARY KEY,
    name         TEXT NOT NULL
);

CREATE TABLE scheduling_therapist_clinic (
    therapist_id UUID NOT NULL,
    clinic_id    UUID NOT NULL,
    weekly_hours TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (therapist_id, clinic_id)
);
CREATE INDEX scheduling_therapist_clinic_clinic ON scheduling_therapist_clinic (clinic_id);

CREATE TABLE scheduling_availability_exception (
    exception_id UUID PRIMARY KEY,
    therapist_id UUID        NOT NULL,
    kind         TEXT        NOT NULL,
    clinic_id    UUID,
    starts_at    TIMESTAMPTZ NOT NULL,
    ends_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX scheduling_availability_exception_therapist ON scheduling_availability_exception (therapist_id, starts_at);

CREATE TABLE scheduling_session_type (
    session_type_id  UUID PRIMARY KEY,
    name             TEXT    NOT NULL,
    duration_minutes INTEGER NOT NULL,
    buffer_minutes   INTEGER NOT NULL
);

CREATE TABLE scheduling_session_type_therapist (
    session_type_id UUID NOT NULL,
    therapist_id    UUID NOT NULL,
    PRIMARY KEY (session_type_id, therapist_id)
);

CREATE TABLE scheduling_client (
    client_id UUID PRIMARY KEY,
    name      TEXT NOT NULL
);

CREATE TABLE scheduling_session (
    session_id          UUID PRIMARY KEY,
    client_id           UUID        NOT NULL,
    therapist_id        UUID        NOT NULL,
    clinic_id           UUID        NOT NULL,
    room_id             UUID        NOT NULL,
    session_type_id     UUID        NOT NULL,
    session_type_name   TEXT        NOT NULL,
    starts_at           TIMESTAMPTZ NOT NULL,
    ends_at             TIMESTAMPTZ NOT NULL,
    -- the end plus the session type's buffer: how long therapist and room stay taken
    busy_until          TIMESTAMPTZ NOT NULL,
    status              TEXT        NOT NULL,
    cancelled_by        TEXT,
    cancellation_reason TEXT,
    late_cancellation   BOOLEAN,
    booked_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX scheduling_session_therapist ON scheduling_session (therapist_id, starts_at) WHERE status <> 'CANCELLED';
CREATE INDEX scheduling_session_room ON scheduling_session (room_id, starts_at) WHERE status <> 'CANCELLED';
CREATE INDEX scheduling_session_client ON scheduling_session (client_id, starts_at);
CREATE INDEX scheduling_session_clinic ON scheduling_session (clinic_id, starts_at);
