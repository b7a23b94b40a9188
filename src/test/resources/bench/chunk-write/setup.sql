-- A database of its own, chunkwrite, shaped as the benchmark leaves the purge's two tables: 1 400 000
-- assets with random media IDs and as many requests, the first 400 000 already decided, every index
-- the migrations give the two tables (V1, V2, V9, V10, V11, V15 on PostgreSQL). Only the columns and
-- indexes a chunk's write touches matter here; the other tables and the foreign keys are left out.
DROP DATABASE IF EXISTS chunkwrite;
CREATE DATABASE chunkwrite;
\c chunkwrite
CREATE TABLE media_asset (
    id BIGINT NOT NULL PRIMARY KEY, media_id VARCHAR(32) NOT NULL, owner_uid VARCHAR(16) NOT NULL, region VARCHAR(32) NOT NULL,
    input_url VARCHAR(2048) NOT NULL, media_type VARCHAR(16) NOT NULL, business_type VARCHAR(32), source VARCHAR(16),
    title VARCHAR(256), description VARCHAR(2048), cate_id BIGINT, media_tags VARCHAR(1024), cover_url VARCHAR(2048),
    user_data VARCHAR(4096), reference_id VARCHAR(64), client_token VARCHAR(64), status VARCHAR(16) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL, modified_at TIMESTAMPTZ NOT NULL, deleted_at TIMESTAMPTZ, version BIGINT NOT NULL);
INSERT INTO media_asset SELECT g, md5(g::text), '1000000000000001', 'cn-shanghai',
        'oss://bench-' || (g % 4) || '/media/' || md5(g::text) || '.mp4', 'video', NULL, NULL, 'title ' || g, NULL, NULL,
        NULL, NULL, NULL, NULL, NULL, 'Normal', now() + g * interval '1 second', now(), NULL, 1
    FROM generate_series(1, 1400000) g;
CREATE TABLE deletion_request (
    id BIGINT NOT NULL PRIMARY KEY, submission_id BIGINT NOT NULL, selector VARCHAR(4096) NOT NULL,
    selector_type VARCHAR(8) NOT NULL, outcome VARCHAR(16) NOT NULL, reason VARCHAR(64), media_id VARCHAR(32),
    files_deleted INT, bytes_deleted BIGINT, job_execution_id BIGINT, created_at TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ, selector_digest VARCHAR(64), item_no BIGINT);
INSERT INTO deletion_request SELECT g, 1 + g / 100000, md5(g::text), 'MEDIA_ID', 'PENDING', NULL, NULL, NULL, NULL, NULL,
        now(), NULL, encode(sha256(md5(g::text)::bytea), 'hex'), g % 100000
    FROM generate_series(1, 1400000) g;
UPDATE deletion_request SET outcome = 'DELETED', media_id = md5(id::text), completed_at = now() WHERE id <= 400000;
UPDATE media_asset SET status = 'Deleted', deleted_at = now() WHERE id <= 400000;

CREATE UNIQUE INDEX media_asset_media_id_uq ON media_asset (media_id text_pattern_ops);
CREATE INDEX media_asset_owner_ix ON media_asset (owner_uid, status, created_at);
CREATE UNIQUE INDEX media_asset_client_token_uq ON media_asset (owner_uid, client_token);
CREATE INDEX media_asset_registered_ix ON media_asset (created_at, id);
CREATE INDEX media_asset_owner_registered_ix ON media_asset (owner_uid, created_at, id);
CREATE INDEX media_asset_type_registered_ix ON media_asset (media_type, created_at, id);
CREATE INDEX media_asset_status_registered_ix ON media_asset (status, created_at, id);
CREATE INDEX deletion_request_queue_ix ON deletion_request (outcome, id);
CREATE INDEX deletion_request_submission_ix ON deletion_request (submission_id, outcome, id);
CREATE UNIQUE INDEX deletion_request_selector_uq ON deletion_request (submission_id, selector_digest);
CREATE INDEX deletion_request_item_no_ix ON deletion_request (submission_id, item_no);
CREATE INDEX deletion_request_media_ix ON deletion_request (media_id, id);
-- which chunk the next transaction writes: chunk k is requests and assets 20k+1 .. 20k+20
CREATE SEQUENCE chunk_no START WITH 20000;
VACUUM ANALYZE;
