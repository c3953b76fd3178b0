-- when `serve` first saw each scheduled job (epoch ms): slots before that are never run, so that a new schedule does
-- not fire for the past (a weekly digest from last Monday at the first start)
CREATE TABLE schedule_first_seen (
    job_name   VARCHAR(100) NOT NULL PRIMARY KEY,
    first_seen BIGINT       NOT NULL
);
