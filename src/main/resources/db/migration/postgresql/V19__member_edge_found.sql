-- memberships MaxIM answered "already a member" to are recorded too (created = FALSE), so that no later run invites
-- them again; `prune` removes only those maxim-batch made (created = TRUE, as every row before this version)
ALTER TABLE member_edge ADD COLUMN created BOOLEAN DEFAULT TRUE NOT NULL;
