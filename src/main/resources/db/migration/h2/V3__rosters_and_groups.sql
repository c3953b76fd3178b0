-- friendships MaxIM has confirmed (user_id added friend_id); a confirmed edge is never sent again
CREATE TABLE roster_edge (
    user_id          BIGINT       NOT NULL,
    friend_id        BIGINT       NOT NULL,
    job_instance_id  BIGINT       NOT NULL,
    confirmed_at     TIMESTAMP    NOT NULL,
    CONSTRAINT roster_edge_pk PRIMARY KEY (user_id, friend_id)
);

-- legacy group id -> MaxIM group id; PENDING is written (and committed) before the create call, with the time
-- the attempt began, so that a lost answer is resolved by finding the group rather than creating a second one
CREATE TABLE group_map (
    legacy_group_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    group_id           BIGINT,
    owner_user_id      BIGINT       NOT NULL,
    name               VARCHAR(1000) NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    job_instance_id    BIGINT       NOT NULL,
    job_execution_id   BIGINT       NOT NULL,
    source_line        VARCHAR(100),
    attempt_started_at BIGINT       NOT NULL,  -- epoch milliseconds: the same instant whatever the time zone of the process
    updated_at         TIMESTAMP    NOT NULL,
    CONSTRAINT group_map_group_id_uk UNIQUE (group_id),
    CONSTRAINT group_map_state_ck CHECK (state IN ('PENDING', 'DONE', 'ROLLED_BACK'))
);
CREATE INDEX group_map_execution_ix ON group_map (job_execution_id);
