-- Bookings name the therapist since version 2 of SessionBooked; sessions booked before have none.
ALTER TABLE session ADD COLUMN therapist_name TEXT;
