-- MediaPurge schema, version 6: purge rules, each fire of a rule, and the submissions they made.

CREATE SEQUENCE purge_rule_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE purge_rule (
    id                     BIGINT        NOT NULL PRIMARY KEY,
    account_uid            VARCHAR(16)   NOT NULL REFERENCES account (uid),   -- whose callers see the rule
    name                   VARCHAR(128)  NOT NULL,
    acts_as_user_id        BIGINT        NOT NULL REFERENCES ram_user (id),   -- whose permissions its runs use
    cron                   VARCHAR(128)  NOT NULL,                             -- five-field Unix cron
    time_zone              VARCHAR(64)   NOT NULL,
    owner_uid              VARCHAR(16)   NOT NULL REFERENCES account (uid),
    bucket                 VARCHAR(63),
    key_prefix             VARCHAR(1024),
    media_type             VARCHAR(16),
    business_type          VARCHAR(32),
    older_than_days        INT,
    delete_physical_files  BOOLEAN       NOT NULL,
    dry_run                BOOLEAN       NOT NULL,
    max_items              BIGINT,
    partitions             INT           NOT NULL,
    enabled                BOOLEAN       NOT NULL,
    missed_fires           VARCHAR(16)   NOT NULL,                             -- RUN_ONCE, SKIP
    -- The next fire time no server has claimed yet (NULL while disabled). Claiming a fire moves it
    -- on with a conditional update, so exactly one server wins each fire time.
    next_fire_at           TIMESTAMP WITH TIME ZONE,
    created_by             VARCHAR(128)  NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT purge_rule_name_uq UNIQUE (account_uid, name)
);
CREATE INDEX purge_rule_due_ix ON purge_rule (enabled, next_fire_at);

-- One row per fire time of a rule (and per run asked by hand): the claim of the server firing it,
-- held by a lease it renews while it materialises the submission, taken over by another server
-- when the lease runs out (the first one died), and then what the fire did.
CREATE SEQUENCE rule_fire_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE rule_fire (
    id                BIGINT        NOT NULL PRIMARY KEY,
    rule_id           BIGINT        NOT NULL REFERENCES purge_rule (id),
    scheduled_at      TIMESTAMP WITH TIME ZONE NOT NULL,  -- the cron's fire time, or when a run was asked
    manual            BOOLEAN       NOT NULL,
    state             VARCHAR(16)   NOT NULL,             -- CLAIMED, STARTED, SKIPPED, FAILED
    server            VARCHAR(64)   NOT NULL,             -- the server that holds (or held) the claim
    attempts          INT           NOT NULL,
    lease_until       TIMESTAMP WITH TIME ZONE NOT NULL,
    fired_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE,
    matched           BIGINT,
    capped            BOOLEAN,
    submission_id     BIGINT REFERENCES purge_submission (id),
    job_execution_id  BIGINT,
    reason            VARCHAR(500),                       -- why it was skipped or failed
    CONSTRAINT rule_fire_uq UNIQUE (rule_id, scheduled_at)
);
CREATE INDEX rule_fire_state_ix ON rule_fire (state, lease_until);

-- The rule and the fire a submission was made by (source RULE), written in the transaction that
-- opens the submission, so a server taking over a dead server's fire finds what it left.
ALTER TABLE purge_submission ADD COLUMN rule_id BIGINT REFERENCES purge_rule (id);
ALTER TABLE purge_submission ADD COLUMN rule_fire_id BIGINT REFERENCES rule_fire (id);
CREATE INDEX purge_submission_rule_ix ON purge_submission (rule_id, id);

-- Cluster-wide housekeeping that one server at a time does (history retention): whoever holds the
-- unexpired lease of a task's row does it.
CREATE TABLE maintenance_lease (
    name         VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder       VARCHAR(64),
    lease_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO maintenance_lease (name, holder, lease_until) VALUES ('history-retention', NULL, TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00');
