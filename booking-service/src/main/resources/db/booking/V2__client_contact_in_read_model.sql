-- A client's own page shows their contact details and channel: the read model keeps them too.
ALTER TABLE scheduling_client
    ADD COLUMN email             TEXT,
    ADD COLUMN phone             TEXT,
    ADD COLUMN preferred_channel TEXT,
    ADD COLUMN reminders_consent BOOLEAN,
    ADD COLUMN language          TEXT;

-- Rebuilt from the event store: emptied here, and the scheduling projection, finding no token, replays
-- every event when the service starts.
TRUNCATE scheduling_clinic, scheduling_room, scheduling_therapist, scheduling_therapist_clinic,
    scheduling_availability_exception, scheduling_session_type, scheduling_session_type_therapist,
    scheduling_client, scheduling_session;
DELETE FROM token_entry WHERE processor_name = 'scheduling';
