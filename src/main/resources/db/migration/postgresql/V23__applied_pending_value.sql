-- The value being sent, beside its hash, where it is learnt only on the way: an uploaded avatar's download URL, kept
-- between the upload and the call that sets it, so that a run killed in between reads it back instead of uploading again.
ALTER TABLE applied_state ADD COLUMN pending_value VARCHAR(4000);
