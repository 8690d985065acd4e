-- A course's messages name it among their facts: a newer message about the course replaces one still waiting.
CREATE INDEX notification_by_course ON notification ((facts ->> 'seriesId')) WHERE facts ->> 'seriesId' IS NOT NULL;
