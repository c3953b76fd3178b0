-- H2 2.4 evaluates a CHECK (x IN (...)) with the session that created it: once the connection that ran the migration
-- is closed (a pool retires it after 30 minutes), every insert fails with "Check constraint invalid" (h2database
-- issues 4302, 4308). It also turns x = 'a' OR x = 'b' into such a set; a CASE is evaluated with the inserting session.
ALTER TABLE user_map DROP CONSTRAINT user_map_state_ck;
ALTER TABLE user_map ADD CONSTRAINT user_map_state_ck
    CHECK (CASE state WHEN 'PENDING' THEN TRUE WHEN 'DONE' THEN TRUE ELSE FALSE END);
ALTER TABLE group_map DROP CONSTRAINT group_map_state_ck;
ALTER TABLE group_map ADD CONSTRAINT group_map_state_ck
    CHECK (CASE state WHEN 'PENDING' THEN TRUE WHEN 'DONE' THEN TRUE WHEN 'ROLLED_BACK' THEN TRUE ELSE FALSE END);
ALTER TABLE send_ledger DROP CONSTRAINT send_ledger_state_ck;
ALTER TABLE send_ledger ADD CONSTRAINT send_ledger_state_ck
    CHECK (CASE state WHEN 'PENDING' THEN TRUE WHEN 'SENT' THEN TRUE ELSE FALSE END);
