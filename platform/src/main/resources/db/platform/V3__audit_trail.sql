-- The audit trail: which event changed which client's record, when, and who sent the command that
-- made it, projected from the event store's own metadata. It names the change and the record, never
-- their content: forgetting a client's personal data leaves it true and free of what was forgotten.
-- Every service gets the tables; only those with soleus.audit.enabled (booking, treatment) fill them.
CREATE TABLE audit_entry (
    event_id    VARCHAR(255) PRIMARY KEY,
    client_id   UUID         NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    position    BIGINT       NOT NULL,
    change      VARCHAR(100) NOT NULL,
    record_id   VARCHAR(255),
    actor       VARCHAR(255),
    actor_roles VARCHAR(100)
);

CREATE INDEX audit_entry_client ON audit_entry (client_id, occurred_at DESC);

-- Which client an aggregate's record belongs to, from its first event that names them: later events
-- of a case (techniques applied) name the case, not the client.
CREATE TABLE audit_record (
    record_id VARCHAR(255) PRIMARY KEY,
    client_id UUID         NOT NULL
);
