-- What each purge-media execution cost and why it ended, for the console, the REST API and
-- benchmarks; and the reason crash recovery gives when it ends a dead server's execution.
ALTER TABLE purge_execution ADD COLUMN chunks BIGINT DEFAULT 0 NOT NULL;
-- PostgreSQL round trips of the run's chunk threads, measured only with mediapurge.db.count-round-trips.
ALTER TABLE purge_execution ADD COLUMN round_trips_counted BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE purge_execution ADD COLUMN db_round_trips BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE purge_execution ADD COLUMN max_read_round_trips INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE purge_execution ADD COLUMN items_per_second DOUBLE PRECISION;
ALTER TABLE purge_execution ADD COLUMN end_reason VARCHAR(1000);
