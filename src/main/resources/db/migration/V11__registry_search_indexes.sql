-- The registry browser's search (AssetSearch): newest registered first, a keyset page at a time,
-- each criterion a range of one index ending in (created_at, id), so the first, the next and the
-- millionth page read only the rows they show. The placeholder textPatternOps is "text_pattern_ops" on
-- PostgreSQL, whose LIKE 'prefix%' can use a btree only in that operator class (or the C
-- collation), and empty on H2, whose btrees serve prefixes as they are.

-- No criterion, and registered before / after.
CREATE INDEX media_asset_registered_ix ON media_asset (created_at, id);
-- Owner account, media type, status.
CREATE INDEX media_asset_owner_registered_ix ON media_asset (owner_uid, created_at, id);
CREATE INDEX media_asset_type_registered_ix ON media_asset (media_type, created_at, id);
CREATE INDEX media_asset_status_registered_ix ON media_asset (status, created_at, id);
-- The start of a media ID.
CREATE INDEX media_asset_media_id_prefix_ix ON media_asset (media_id ${textPatternOps});
-- A file URL prefix, or a bucket and key prefix; it serves the purge's exact (bucket, key) lookups as
-- well, so it replaces V1's index on the same columns rather than slowing every import with two.
CREATE INDEX media_file_object_prefix_ix ON media_file (bucket, object_key ${textPatternOps});
DROP INDEX media_file_object_ix;
