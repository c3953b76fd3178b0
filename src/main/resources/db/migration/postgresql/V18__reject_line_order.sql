-- A reject's place in its source (a CSV line number; JDBC keys after all lines), so that a step's reject report
-- is written straight from the database in source order, however many rejects it has.
ALTER TABLE reject_record ADD COLUMN line_order BIGINT;
UPDATE reject_record SET line_order = CASE WHEN source_line ~ '^[0-9]{1,18}$' THEN CAST(source_line AS BIGINT) ELSE 9223372036854775807 END;
CREATE INDEX reject_record_report_ix ON reject_record (job_instance_id, step_name, line_order, id);
