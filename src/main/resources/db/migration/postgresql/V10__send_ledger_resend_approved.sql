-- an operator's decision (`campaign-batches <execution-id> --resend`) that a PENDING batch older than the step's
-- resend window goes out again with its key on the next resume
ALTER TABLE send_ledger ADD COLUMN resend_approved BOOLEAN DEFAULT FALSE NOT NULL;
