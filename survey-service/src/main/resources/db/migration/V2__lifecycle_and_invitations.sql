-- survey-service schema, version 2: survey lifecycle (CLOSED, versions, company name) and survey invitations.

ALTER TABLE survey DROP CONSTRAINT survey_status_check;
ALTER TABLE survey ADD CONSTRAINT survey_status_check CHECK (status IN ('DRAFT', 'ACTIVE', 'CLOSED'));
-- Shown to respondents on the public survey page; null for surveys created before it was stored.
ALTER TABLE survey ADD COLUMN company_name text;
ALTER TABLE survey ADD COLUMN closed_at timestamptz;
-- The survey this DRAFT was copied from (POST /surveys/{id}/versions); answers of the old one keep their questions.
ALTER TABLE survey ADD COLUMN previous_version_id uuid REFERENCES survey (id);

-- List filter "surveys having a question of this kind".
CREATE INDEX survey_question_kind_idx ON survey_question (kind, survey_id);

-- A single-use link to one survey for one customer. Only the SHA-256 of the token is stored: a database leak does not
-- leak usable links.
CREATE TABLE invitation (
    id              uuid        PRIMARY KEY,
    workspace       text        NOT NULL,
    survey_id       uuid        NOT NULL REFERENCES survey (id),
    customer_id     text        NOT NULL,
    interaction_id  text,
    -- azp of the token that created it; externalId is unique per (workspace, source), like response idempotency keys.
    source          text        NOT NULL,
    external_id     text,
    token_hash      bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    -- Set in the same statement as used_at, before the response row is inserted in that transaction: hence deferred.
    response_id     uuid        REFERENCES response (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT invitation_token_uk UNIQUE (token_hash),
    CONSTRAINT invitation_external_uk UNIQUE (workspace, source, external_id),
    CONSTRAINT invitation_used_ck CHECK ((used_at IS NULL) = (response_id IS NULL))
);

CREATE INDEX invitation_survey_idx ON invitation (survey_id);

-- GET /api/v1/responses and its export: keyset pagination, newest occurred_at first; segment filters use @>.
CREATE INDEX response_workspace_occurred_idx ON response (workspace, occurred_at DESC, id DESC);
CREATE INDEX response_segments_idx ON response USING gin (segments jsonb_path_ops);
