-- Results of commands sent with an Idempotency-Key, stored in the command's own transaction, so a
-- retried request answers the first result instead of acting twice.
CREATE TABLE idempotent_request (
    caller          VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    fingerprint     VARCHAR(64)  NOT NULL,
    result          TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX idempotent_request_created_at ON idempotent_request (created_at);
