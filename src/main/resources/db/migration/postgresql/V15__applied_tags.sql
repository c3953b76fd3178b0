-- The value last applied, beside its hash, for the attributes whose next change needs it: an account's push tags,
-- so that a tag the source no longer lists is unbound (only what maxim-batch bound, never the app's own tags).
ALTER TABLE applied_state ADD COLUMN applied_value VARCHAR(4000);
