-- A clinic's rules for bookings clients make themselves, where it set its own; a clinic without a row
-- keeps BookingRules.DEFAULT. The free-slot search offers a client only what these rules let them book.
CREATE TABLE scheduling_booking_rules (
    clinic_id              UUID PRIMARY KEY,
    minimum_notice_minutes INTEGER NOT NULL,
    max_upcoming_sessions  INTEGER,
    new_clients_online     BOOLEAN NOT NULL,
    same_day_online        BOOLEAN NOT NULL
);
