-- invitations MaxIM holds until the person consents (the user's group_confirm): not memberships, so `prune` never
-- takes them back and the member ledger does not count them; a later run asks the member list instead of inviting again
CREATE TABLE member_pending (
    group_id   BIGINT       NOT NULL,
    user_id    BIGINT       NOT NULL,
    owner_id   BIGINT       NOT NULL,
    job_name   VARCHAR(100) NOT NULL,
    invited_at BIGINT       NOT NULL,
    CONSTRAINT member_pending_pk PRIMARY KEY (group_id, user_id)
);
