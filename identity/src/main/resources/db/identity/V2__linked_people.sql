-- Which client or therapist a sign-in is, said explicitly: a sign-in's subject is this provider's own
-- name for it, and tokens carry the client's or therapist's id in claims of their own. One sign-in per
-- client and per therapist. Sign-ins made before kept their subject as the id.
ALTER TABLE account ADD COLUMN client_id TEXT, ADD COLUMN therapist_id TEXT;
UPDATE account SET client_id = subject WHERE 'CLIENT' = ANY (roles);
UPDATE account SET therapist_id = subject WHERE 'THERAPIST' = ANY (roles);
CREATE UNIQUE INDEX account_client ON account (client_id);
CREATE UNIQUE INDEX account_therapist ON account (therapist_id);

-- A client registered by staff is invited to make a sign-in for their client record. The link holds a
-- code kept here only as its SHA-256; it is claimed once, before it expires.
CREATE TABLE invitation (
    code_hash   TEXT PRIMARY KEY,
    client_id   TEXT        NOT NULL,
    invited_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    claimed_at  TIMESTAMPTZ
);
CREATE INDEX invitation_client ON invitation (client_id);
