-- MediaPurge schema, version 1. Portable between PostgreSQL and H2 (the embedded default):
-- no partial indexes, no vendor types. Ids come from sequences so bulk inserts can be batched.
-- Times are TIMESTAMP WITH TIME ZONE, always written in UTC. EclipseLink reads a sequence value
-- as the top of an allocation block, so pooled sequences start at their increment.

-- ---------------------------------------------------------------- access
CREATE TABLE account (
    uid          VARCHAR(16)  NOT NULL PRIMARY KEY,   -- 16-digit Alibaba Cloud account UID
    name         VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE SEQUENCE ram_user_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE ram_user (
    id           BIGINT       NOT NULL PRIMARY KEY,
    account_uid  VARCHAR(16)  NOT NULL REFERENCES account (uid),
    name         VARCHAR(64)  NOT NULL,
    root         BOOLEAN      NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ram_user_name_uq UNIQUE (account_uid, name)
);

-- Secrets are needed to verify HMACs, so they are kept encrypted, not hashed.
CREATE TABLE access_key (
    access_key_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id            BIGINT       NOT NULL REFERENCES ram_user (id),
    secret_ciphertext  VARCHAR(512) NOT NULL,
    active             BOOLEAN      NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX access_key_user_ix ON access_key (user_id);

CREATE SEQUENCE user_policy_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE user_policy (
    id           BIGINT         NOT NULL PRIMARY KEY,
    user_id      BIGINT         NOT NULL REFERENCES ram_user (id),
    position     INT            NOT NULL,
    document     VARCHAR(65536) NOT NULL,              -- RAM policy JSON, validated on save
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT user_policy_position_uq UNIQUE (user_id, position)
);

-- The account has authorised the service role on this bucket (physical deletion needs it).
CREATE TABLE bucket_grant (
    account_uid  VARCHAR(16)  NOT NULL REFERENCES account (uid),
    bucket       VARCHAR(63)  NOT NULL,
    granted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_uid, bucket)
);

CREATE TABLE console_user (
    username         VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash    VARCHAR(256) NOT NULL,
    roles            VARCHAR(256) NOT NULL,           -- comma-separated purge-admin, purge-operator, purge-viewer
    acts_as_user_id  BIGINT REFERENCES ram_user (id), -- the RAM identity the console's purges run as
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Signature nonces, single-use per key within the timestamp window, shared by all instances.
CREATE TABLE request_nonce (
    access_key_id  VARCHAR(64)  NOT NULL,
    nonce          VARCHAR(128) NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (access_key_id, nonce)
);
CREATE INDEX request_nonce_expiry_ix ON request_nonce (expires_at);

-- ---------------------------------------------------------------- registry
CREATE SEQUENCE media_asset_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE media_asset (
    id             BIGINT        NOT NULL PRIMARY KEY,
    media_id       VARCHAR(32)   NOT NULL,             -- 32 lowercase hex, as IMS
    owner_uid      VARCHAR(16)   NOT NULL REFERENCES account (uid),
    region         VARCHAR(32)   NOT NULL,
    input_url      VARCHAR(2048) NOT NULL,             -- canonical oss:// form
    media_type     VARCHAR(16)   NOT NULL,
    business_type  VARCHAR(32),
    source         VARCHAR(16),
    title          VARCHAR(256),
    description    VARCHAR(2048),
    cate_id        BIGINT,
    media_tags     VARCHAR(1024),
    cover_url      VARCHAR(2048),
    user_data      VARCHAR(4096),
    reference_id   VARCHAR(64),
    client_token   VARCHAR(64),
    status         VARCHAR(16)   NOT NULL,             -- Normal, Deleted (a tombstone kept for audit)
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at     TIMESTAMP WITH TIME ZONE,
    version        BIGINT        NOT NULL,
    CONSTRAINT media_asset_media_id_uq UNIQUE (media_id)
);
-- Retention rules select by owner, status and age.
CREATE INDEX media_asset_owner_ix ON media_asset (owner_uid, status, created_at);
-- RegisterMediaInfo's ClientToken idempotency (NULLs do not collide).
CREATE UNIQUE INDEX media_asset_client_token_uq ON media_asset (owner_uid, client_token);

CREATE SEQUENCE media_file_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE media_file (
    id          BIGINT        NOT NULL PRIMARY KEY,
    asset_id    BIGINT        NOT NULL REFERENCES media_asset (id),
    bucket      VARCHAR(63)   NOT NULL,
    object_key  VARCHAR(1024) NOT NULL,
    region      VARCHAR(32)   NOT NULL,
    role        VARCHAR(16)   NOT NULL,                -- SOURCE, TRANSCODE, SNAPSHOT, SUBTITLE, COVER
    size_bytes  BIGINT,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX media_file_asset_ix ON media_file (asset_id);
-- Selection by URL resolves (bucket, key) to the asset.
CREATE INDEX media_file_object_ix ON media_file (bucket, object_key);

-- ---------------------------------------------------------------- purge
CREATE SEQUENCE purge_submission_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE purge_submission (
    id                     BIGINT       NOT NULL PRIMARY KEY,
    source                 VARCHAR(16)  NOT NULL,      -- API, REST, CONSOLE, SCHEDULE, RETRY
    requester_user_id      BIGINT       NOT NULL REFERENCES ram_user (id),  -- whose permissions apply
    requested_by           VARCHAR(128) NOT NULL,      -- who asked, as shown in the console and audit
    delete_physical_files  BOOLEAN      NOT NULL,
    dry_run                BOOLEAN      NOT NULL,
    status                 VARCHAR(16)  NOT NULL,      -- RECEIVING, PENDING, RUNNING, COMPLETED, FAILED, STOPPED
    item_count             BIGINT       NOT NULL,
    retry_of               BIGINT REFERENCES purge_submission (id),
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at           TIMESTAMP WITH TIME ZONE
);
CREATE INDEX purge_submission_created_ix ON purge_submission (created_at);

CREATE SEQUENCE deletion_request_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE deletion_request (
    id                BIGINT        NOT NULL PRIMARY KEY,  -- also the queue's stable order
    submission_id     BIGINT        NOT NULL REFERENCES purge_submission (id),
    selector          VARCHAR(4096) NOT NULL,              -- as the caller wrote it
    selector_type     VARCHAR(8)    NOT NULL,              -- MEDIA_ID, URL
    outcome           VARCHAR(16)   NOT NULL,              -- PENDING, DELETED, IGNORED, FORBIDDEN, FAILED, WOULD_DELETE
    reason            VARCHAR(64),
    media_id          VARCHAR(32),
    files_deleted     INT,
    bytes_deleted     BIGINT,
    job_execution_id  BIGINT,
    claimed_by        VARCHAR(64),                         -- the instance processing it
    claimed_at        TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at      TIMESTAMP WITH TIME ZONE
);
-- The pending queue in a stable order, overall and per submission; also results by outcome.
CREATE INDEX deletion_request_queue_ix ON deletion_request (outcome, id);
CREATE INDEX deletion_request_submission_ix ON deletion_request (submission_id, outcome, id);

-- Per job execution of purge-media: the counts the console and metrics show.
CREATE TABLE purge_execution (
    job_execution_id  BIGINT      NOT NULL PRIMARY KEY,
    submission_id     BIGINT REFERENCES purge_submission (id),
    instance_id       VARCHAR(64) NOT NULL,
    dry_run           BOOLEAN     NOT NULL,
    read_count        BIGINT      NOT NULL,
    deleted_count     BIGINT      NOT NULL,
    ignored_count     BIGINT      NOT NULL,
    forbidden_count   BIGINT      NOT NULL,
    failed_count      BIGINT      NOT NULL,
    files_deleted     BIGINT      NOT NULL,
    bytes_deleted     BIGINT      NOT NULL,
    oss_requests      BIGINT      NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX purge_execution_submission_ix ON purge_execution (submission_id);

-- Live server instances; a stale heartbeat tells crash recovery which executions are orphaned.
CREATE TABLE server_instance (
    instance_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    host          VARCHAR(255) NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
