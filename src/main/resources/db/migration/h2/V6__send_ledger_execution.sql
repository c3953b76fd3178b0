-- the job execution that recorded a PENDING batch: another partition of the same execution finds a target it is
-- sending right now and leaves it to it, instead of taking it for a batch left by a process that died
ALTER TABLE send_ledger ADD COLUMN job_execution_id BIGINT;
