-- What the notifications service knows from the other services' events. Every row is upserted, so a
-- re-sent event or a replay changes nothing.
CREATE TABLE recipient (
    client_id         UUID PRIMARY KEY,
    name              TEXT    NOT NULL,
    email             TEXT    NOT NULL,
    phone             TEXT,
    preferred_channel TEXT    NOT NULL,
    reminders_consent BOOLEAN NOT NULL,
    language          TEXT    NOT NULL
);

CREATE TABLE clinic (
    clinic_id                  UUID PRIMARY KEY,
    name                       TEXT    NOT NULL,
    address                    TEXT    NOT NULL,
    time_zone                  TEXT    NOT NULL,
    late_cancellation_minutes  INTEGER NOT NULL,
    -- the clinic's notification settings, changed by admins; reminders are off where the minutes are null
    reminder_minutes           INTEGER,
    reminder_channel           TEXT    NOT NULL,
    last_reminder_minutes      INTEGER,
    last_reminder_channel      TEXT    NOT NULL,
    check_in_after_days        INTEGER NOT NULL,
    late_cancellation_policy   TEXT
);

CREATE TABLE session (
    session_id        UUID PRIMARY KEY,
    client_id         UUID        NOT NULL,
    clinic_id         UUID        NOT NULL,
    session_type_name TEXT        NOT NULL,
    starts_at         TIMESTAMPTZ NOT NULL,
    time_zone         TEXT        NOT NULL,
    status            TEXT        NOT NULL
);

CREATE TABLE exercise (
    exercise_id UUID PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL
);

CREATE TABLE care_case (
    case_id       UUID PRIMARY KEY,
    client_id     UUID    NOT NULL,
    clinic_id     UUID    NOT NULL,
    baseline_pain INTEGER
);

CREATE TABLE plan (
    plan_id   UUID    NOT NULL,
    revision  INTEGER NOT NULL,
    case_id   UUID    NOT NULL,
    exercises JSONB   NOT NULL,
    PRIMARY KEY (plan_id, revision)
);

-- A client's own choices; kept apart from the contact details that booking's events overwrite.
CREATE TABLE preference (
    client_id           UUID PRIMARY KEY,
    channels            JSONB   NOT NULL DEFAULT '{}',
    non_essential       BOOLEAN NOT NULL DEFAULT TRUE,
    quiet_from          TIME,
    quiet_until         TIME,
    language            TEXT
);

-- Every message: what it is, to whom, on which channel, and how its delivery went. The unique key
-- is the promise that one event gives at most one message of a kind, on whichever channel.
CREATE TABLE notification (
    notification_id UUID PRIMARY KEY,
    source_event_id TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    channel         TEXT        NOT NULL,
    client_id       UUID        NOT NULL,
    clinic_id       UUID,
    session_id      UUID,
    case_id         UUID,
    plan_id         UUID,
    plan_revision   INTEGER,
    facts           JSONB       NOT NULL DEFAULT '{}',
    status          TEXT        NOT NULL,
    due_at          TIMESTAMPTZ NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    provider_id     TEXT,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    last_attempt_at TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ,
    title           TEXT,
    summary         TEXT,
    UNIQUE (source_event_id, kind)
);

CREATE INDEX notification_feed ON notification (client_id, sent_at DESC) WHERE status = 'SENT';
CREATE INDEX notification_by_session ON notification (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX notification_by_case ON notification (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX notification_by_status ON notification (status, created_at DESC);

-- db-scheduler's table: each notification's delivery is one task instance named by the notification id.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
