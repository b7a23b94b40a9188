-- A submission's requests numbered 1 to n in the order received, so the console pages through a
-- million of them by a range of this index (the millionth page as fast as the first) instead of
-- skipping rows with OFFSET. Requests stored before this version have no number; the console
-- pages through those as before.
ALTER TABLE deletion_request ADD COLUMN item_no BIGINT;
CREATE INDEX deletion_request_item_no_ix ON deletion_request (submission_id, item_no);
