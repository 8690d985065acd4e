-- A forgotten client is also told on the keys topic by a record of its own (client/forgotten) that is
-- never tombstoned, so compaction keeps it: a service reading the topic from its start long after the
-- keys' tombstones were compacted away still learns the client is forgotten. Set once the topic has
-- taken it; the rows of clients forgotten before are told again.
ALTER TABLE forgotten_client ADD COLUMN shared_at TIMESTAMPTZ;
CREATE INDEX forgotten_client_unshared ON forgotten_client (client_id) WHERE shared_at IS NULL;
