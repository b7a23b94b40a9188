-- A request is claimed by a row lock in its chunk's transaction, never by these columns: nothing
-- ever wrote them.
ALTER TABLE deletion_request DROP COLUMN claimed_by;
ALTER TABLE deletion_request DROP COLUMN claimed_at;
