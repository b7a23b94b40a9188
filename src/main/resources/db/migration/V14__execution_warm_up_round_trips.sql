-- Of a run's db_round_trips, those its readers spent filling their caches (a submission's settings,
-- requesters' policies, owners' bucket grants: once per partition and again every few seconds),
-- so a chunk's own cost can be read apart from what a run pays once. Counted only with
-- mediapurge.db.count-round-trips, as db_round_trips is.
ALTER TABLE purge_execution ADD COLUMN warm_up_round_trips BIGINT DEFAULT 0 NOT NULL;
