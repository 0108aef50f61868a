-- survey-service schema, version 3: Idempotency-Key of the creating POSTs (surveys, survey versions, invitations).
-- One row per (workspace, key): the primary key makes the reservation atomic. resource_id is the id the created object
-- gets (reserved before it is created); fingerprint is the SHA-256 of the operation and its bound request.
CREATE TABLE idempotency_key (
    workspace    text        NOT NULL,
    key          text        NOT NULL,
    fingerprint  text        NOT NULL,
    resource_id  text        NOT NULL,
    completed    boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace, key)
);
