-- who a campaign step reaches, in which batch: a target is sent at most once per (job, run key, step); a batch's rows are
-- PENDING (committed) before its call and SENT after; a retried or resumed batch keeps its key, and so its
-- idempotency key (setting.request_id / transaction_id)
CREATE TABLE send_ledger (
    job_name    VARCHAR(100) NOT NULL,
    run_key     VARCHAR(100) NOT NULL,
    step_name   VARCHAR(100) NOT NULL,
    target      VARCHAR(300) NOT NULL,
    segment     VARCHAR(100) NOT NULL,
    batch_key   VARCHAR(300) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    updated_at  BIGINT       NOT NULL,
    CONSTRAINT send_ledger_pk PRIMARY KEY (job_name, run_key, step_name, target),
    CONSTRAINT send_ledger_state_ck CHECK (state IN ('PENDING', 'SENT'))
);
CREATE INDEX send_ledger_batch_ix ON send_ledger (job_name, run_key, step_name, batch_key);
