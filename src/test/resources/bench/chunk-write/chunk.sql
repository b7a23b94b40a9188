-- One chunk's write as ChunkRecord sends it after a fully deleted chunk: 20 assets tombstoned and 20
-- requests decided, each chunk the next 20 rows (pgbench runs this as one transaction).
WITH k AS (SELECT nextval('chunk_no') AS k),
ids AS (SELECT g AS id FROM k, generate_series(k.k * 20 + 1, k.k * 20 + 20) g),
tombstones AS (UPDATE media_asset SET status = 'Deleted', deleted_at = now(), modified_at = now(), version = version + 1
    WHERE id IN (SELECT id FROM ids))
UPDATE deletion_request r SET outcome = 'DELETED', reason = NULL, media_id = md5(r.id::text), files_deleted = 3,
    bytes_deleted = 300, completed_at = now(), job_execution_id = 1
FROM ids WHERE r.id = ids.id AND r.outcome = 'PENDING';
