-- campaign targets the frequency cap skipped: listed with the step's records (a capped report of their own), never
-- counted or reported as rejects
ALTER TABLE reject_record ADD COLUMN capped BOOLEAN DEFAULT FALSE NOT NULL;
-- the frequency cap counts a person's sends of every job, run and step within its window
CREATE INDEX send_ledger_target_ix ON send_ledger (target, updated_at);
-- taken (row-locked) by a capped step while it counts its persons' recent sends and records their PENDING rows, so
-- that two runs (other jobs, other processes, other workers) cannot both find a person under the cap and both push;
-- its one row (id 1) is made by the first capped send (a dry run's copy of the tables has it then, or makes its own)
CREATE TABLE frequency_cap_lock (
    id       INT    NOT NULL PRIMARY KEY,
    taken_at BIGINT NOT NULL
);
