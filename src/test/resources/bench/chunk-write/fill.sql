-- The rows of chunkwrite (setup.sh makes its schema): one account's 1 400 000 assets with random
-- media IDs and as many requests in 15 submissions, the first 400 000 decided and their assets
-- tombstoned afterwards, as a purge leaves them. Only what a chunk's write touches is filled in.
INSERT INTO account (uid, name, created_at) VALUES ('1000000000000001', 'bench', now());
INSERT INTO ram_user (id, account_uid, name, root, created_at) VALUES (1, '1000000000000001', 'root', TRUE, now());
INSERT INTO purge_submission (id, source, requester_user_id, requested_by, delete_physical_files, dry_run, status,
        item_count, created_at)
    SELECT s, 'REST', 1, 'bench', TRUE, FALSE, 'PENDING', 100000, now() FROM generate_series(1, 15) s;
INSERT INTO media_asset (id, media_id, owner_uid, region, input_url, media_type, title, status, created_at, modified_at,
        deleted_at, version)
    SELECT g, md5(g::text), '1000000000000001', 'cn-shanghai', 'oss://bench-' || (g % 4) || '/media/' || md5(g::text) || '.mp4',
        'video', 'title ' || g, 'Normal', now() + g * interval '1 second', now(), NULL, 1
    FROM generate_series(1, 1400000) g;
INSERT INTO deletion_request (id, submission_id, selector, selector_type, outcome, media_id, created_at, completed_at,
        selector_digest, item_no)
    SELECT g, 1 + g / 100000, md5(g::text), 'MEDIA_ID', 'PENDING', NULL, now(), NULL,
        encode(sha256(md5(g::text)::bytea), 'hex'), g % 100000
    FROM generate_series(1, 1400000) g;
-- decided as a purge decides them: new row versions, the old ones vacuumed below
UPDATE deletion_request SET outcome = 'DELETED', media_id = md5(id::text), completed_at = now() WHERE id <= 400000;
UPDATE media_asset SET status = 'Deleted', deleted_at = now() WHERE id <= 400000;
-- which chunk the next transaction writes: chunk k is requests and assets 20k+1 .. 20k+20
CREATE SEQUENCE chunk_no START WITH 20000;
VACUUM ANALYZE;
