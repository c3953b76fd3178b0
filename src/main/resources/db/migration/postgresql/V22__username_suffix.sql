-- usernames: rewrite. The next suffix to try for each rewritten base of a run (1: the base itself), so that finding a
-- free name is constant work per name; cleared with the run's username_plan when the plan is decided again.
CREATE TABLE username_suffix (
    job_instance_id BIGINT       NOT NULL,
    base            VARCHAR(255) NOT NULL,
    next_suffix     INTEGER      NOT NULL,
    CONSTRAINT username_suffix_pk PRIMARY KEY (job_instance_id, base)
);
