-- How a run's own listener found it ending (COMPLETED, STOPPED or FAILED), written with its end time:
-- when the server dies before the batch runtime writes the run's end, crash recovery writes this.
ALTER TABLE purge_execution ADD COLUMN ended_status VARCHAR(16);
