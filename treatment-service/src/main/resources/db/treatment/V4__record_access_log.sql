-- Staff reads of clinical records: who opened which client's case or timeline, and when. Written in
-- the read's own request, before the record is answered; a client reading their own is not logged.
CREATE TABLE record_access (
    id           BIGSERIAL PRIMARY KEY,
    client_id    UUID         NOT NULL,
    case_id      UUID,
    viewed       VARCHAR(20)  NOT NULL,
    reader       VARCHAR(255) NOT NULL,
    reader_roles VARCHAR(100) NOT NULL,
    read_at      TIMESTAMPTZ  NOT NULL
);

CREATE INDEX record_access_client ON record_access (client_id, read_at DESC);
