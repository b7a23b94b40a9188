-- One index on media_asset.media_id where there were two: V1's unique constraint for the exact
-- lookups and V11's text_pattern_ops index for the registry browser's prefixes. An index in the
-- text_pattern_ops operator class answers equality as well as 'prefix%', so one unique index does
-- both jobs. A purge tombstones every asset it deletes, and a tombstone is a new row version with
-- an entry in every index of the table; media IDs are random, so each entry lands on a random page
-- of the index: the second index cost a purge one random page write per deleted asset (a fifth of
-- a chunk's WAL on PostgreSQL) and bought nothing. The placeholder textPatternOps is empty on H2.
-- Rebuilding the index reads the whole table once, with writes to it held meanwhile.
ALTER TABLE media_asset DROP CONSTRAINT media_asset_media_id_uq;
DROP INDEX media_asset_media_id_prefix_ix;
CREATE UNIQUE INDEX media_asset_media_id_uq ON media_asset (media_id ${textPatternOps});
