-- The username the legacy system knew a user by, when MaxIM's differs (a rewritten name); NULL: the same as username.
ALTER TABLE user_map ADD COLUMN legacy_username VARCHAR(255);
