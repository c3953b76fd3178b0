-- memberships maxim-batch itself made (an invite MaxIM carried out, not "already a member"), by job and with the
-- owner that made them: `prune: true` on create-groups removes only those, of its own job, the source no longer lists
CREATE TABLE member_edge (
    group_id   BIGINT       NOT NULL,
    user_id    BIGINT       NOT NULL,
    owner_id   BIGINT       NOT NULL,
    job_name   VARCHAR(100) NOT NULL,
    created_at BIGINT       NOT NULL,
    CONSTRAINT member_edge_pk PRIMARY KEY (group_id, user_id)
);
