-- MediaPurge schema, version 2: what the operator REST API needs of submissions.

-- The purge-media executions started for a submission (its first run and every restart),
-- recorded when they start, so a submission names its runs before any request is processed.
CREATE TABLE purge_submission_execution (
    submission_id     BIGINT NOT NULL REFERENCES purge_submission (id),
    job_execution_id  BIGINT NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (submission_id, job_execution_id)
);
CREATE INDEX purge_submission_execution_job_ix ON purge_submission_execution (job_execution_id);

-- A submission holds each selector once: the SHA-256 (hex) of its type and text, because a
-- 4096-character selector is too long for a PostgreSQL index entry. NULL for requests recorded
-- before version 2 and for DeleteMediaInfos calls (NULLs never collide).
ALTER TABLE deletion_request ADD COLUMN selector_digest VARCHAR(64);
CREATE UNIQUE INDEX deletion_request_selector_uq ON deletion_request (submission_id, selector_digest);
