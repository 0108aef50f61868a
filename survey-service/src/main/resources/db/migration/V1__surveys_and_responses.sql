-- survey-service schema, version 1: surveys with their frozen questions, and survey responses with their answers.
-- Hibernate never generates or alters this schema (quarkus.hibernate-orm.schema-management.strategy=none).

CREATE TABLE survey (
    id             uuid        PRIMARY KEY,
    workspace      text        NOT NULL,
    name           text        NOT NULL,
    journey_id     text        NOT NULL,
    touchpoint_id  text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE')),
    version        integer     NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    activated_at   timestamptz
);

-- Keyset pagination of GET /api/v1/surveys, newest first, optionally narrowed to a touchpoint.
CREATE INDEX survey_workspace_created_idx ON survey (workspace, created_at DESC, id DESC);
CREATE INDEX survey_workspace_touchpoint_idx ON survey (workspace, touchpoint_id, created_at DESC, id DESC);

CREATE TABLE survey_question (
    survey_id     uuid    NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    position      integer NOT NULL CHECK (position >= 0),
    question_key  text    NOT NULL,
    kind          text    NOT NULL CHECK (kind IN ('CES', 'CSAT', 'NPS', 'COMMENT')),
    variant       text,
    text          text    NOT NULL,
    required      boolean NOT NULL,
    scale_min     integer,
    scale_max     integer,
    max_length    integer,
    scoring       text    NOT NULL CHECK (scoring IN ('CES_AGREEMENT', 'CES_EFFORT', 'CSAT', 'NPS', 'TEXT')),
    PRIMARY KEY (survey_id, position),
    CONSTRAINT survey_question_key_uk UNIQUE (survey_id, question_key),
    CONSTRAINT survey_question_scale_ck CHECK ((scale_min IS NULL) = (scale_max IS NULL) AND (scale_min IS NULL OR scale_min < scale_max))
);

-- Feed order within one transaction; see README "Change feed".
CREATE SEQUENCE response_seq AS bigint;

CREATE TABLE response (
    id               uuid        PRIMARY KEY,
    workspace        text        NOT NULL,
    survey_id        uuid        NOT NULL REFERENCES survey (id),
    journey_id       text        NOT NULL,
    touchpoint_id    text        NOT NULL,
    customer_id      text        NOT NULL,
    channel          text        NOT NULL,
    segments         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at      timestamptz NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    -- azp of the token that submitted the response; idempotency keys are scoped to it.
    source           text        NOT NULL,
    -- Idempotency-Key header of POST /responses, or externalId of a bulk item.
    idempotency_key  text        NOT NULL,
    -- SHA-256 of the normalised request, to tell a replay from a different request reusing a key.
    request_hash     text        NOT NULL,
    interaction_id   text,
    -- Id of the inserting transaction: the change feed serves a row only once every older transaction has ended.
    tx_id            xid8        NOT NULL DEFAULT pg_current_xact_id(),
    seq              bigint      NOT NULL DEFAULT nextval('response_seq'),
    CONSTRAINT response_idempotency_uk UNIQUE (workspace, source, idempotency_key)
);

ALTER SEQUENCE response_seq OWNED BY response.seq;

CREATE INDEX response_feed_idx ON response (tx_id, seq);
CREATE INDEX response_survey_idx ON response (survey_id);

CREATE TABLE response_answer (
    response_id   uuid    NOT NULL REFERENCES response (id) ON DELETE CASCADE,
    position      integer NOT NULL CHECK (position >= 0),
    question_key  text    NOT NULL,
    kind          text    NOT NULL CHECK (kind IN ('CES', 'CSAT', 'NPS', 'COMMENT')),
    scale_min     integer,
    scale_max     integer,
    scoring       text    NOT NULL CHECK (scoring IN ('CES_AGREEMENT', 'CES_EFFORT', 'CSAT', 'NPS', 'TEXT')),
    score         integer,
    text          text,
    PRIMARY KEY (response_id, position),
    CONSTRAINT response_answer_key_uk UNIQUE (response_id, question_key),
    CONSTRAINT response_answer_score_ck CHECK (score IS NULL OR (score BETWEEN scale_min AND scale_max))
);
