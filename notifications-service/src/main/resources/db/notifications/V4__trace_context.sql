-- The W3C trace context (traceparent) of the event that planned each notification: its delivery,
-- minutes or days later, continues that trace, so a booking can be followed to its mail.
ALTER TABLE notification ADD COLUMN traceparent TEXT;
