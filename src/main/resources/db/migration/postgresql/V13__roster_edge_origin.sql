-- whether maxim-batch itself made a friendship (not one MaxIM had already), and in which job: `prune: true` removes
-- only those, of its own job, that the source no longer lists; rows of earlier versions are never pruned
ALTER TABLE roster_edge ADD COLUMN created BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE roster_edge ADD COLUMN job_name VARCHAR(100);
