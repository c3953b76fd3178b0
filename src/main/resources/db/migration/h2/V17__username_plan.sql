-- usernames: rewrite. The name each user of a run gets, decided before its users step registers anyone: first every
-- name MaxIM accepts as it is, then the rewritten ones in the source's order (a name here is taken for that run).
CREATE TABLE username_plan (
    job_instance_id BIGINT       NOT NULL,
    username        VARCHAR(255) NOT NULL,
    legacy_id       VARCHAR(255) NOT NULL,
    legacy_username VARCHAR(255) NOT NULL,
    rewritten       BOOLEAN      NOT NULL,
    CONSTRAINT username_plan_pk PRIMARY KEY (job_instance_id, username)
);
CREATE INDEX username_plan_legacy_ix ON username_plan (job_instance_id, legacy_id);
