-- The service's key store of clients' keys (crypto-shredding): each personal value in an event is
-- sealed with a key of its client, and forgetting the client deletes every one of their keys here.
-- A key is stored wrapped with the platform's key-encryption key, never in clear. Keys made by other
-- services arrive over the keys topic, so this service can read what they published.
CREATE TABLE client_key (
    key_id     UUID         PRIMARY KEY,
    client_id  UUID         NOT NULL,
    owner      VARCHAR(100) NOT NULL,
    wrapped    BYTEA        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- when this service's own key reached the keys topic; none yet: it is shared in a moment
    shared_at  TIMESTAMPTZ
);

CREATE INDEX client_key_unshared ON client_key (owner) WHERE shared_at IS NULL;

-- one key of its own per client for each service
CREATE UNIQUE INDEX client_key_owner ON client_key (client_id, owner);

-- Clients forgotten: their keys are gone, and values written in clear before sealing began read as
-- erased too. Holds nothing but the id.
CREATE TABLE forgotten_client (
    client_id    UUID        PRIMARY KEY,
    forgotten_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Tombstones still to put on the keys topic for the keys of forgotten clients: the keys themselves
-- are gone from client_key already; these name them only, until the topic has taken the tombstones.
CREATE TABLE key_tombstone (
    key_id    UUID PRIMARY KEY,
    client_id UUID NOT NULL
);
