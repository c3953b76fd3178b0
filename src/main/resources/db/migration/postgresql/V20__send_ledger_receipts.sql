-- what MaxIM gave back for a sent batch, kept for delivery statistics: the task_id of a push (/push/notify answers
-- {task_id}; the same on every row of the batch), the message id of a message to one receiver (/message/send gives
-- msg_ids for one receiver only)
ALTER TABLE send_ledger ADD COLUMN task_id BIGINT;
ALTER TABLE send_ledger ADD COLUMN message_id BIGINT;
