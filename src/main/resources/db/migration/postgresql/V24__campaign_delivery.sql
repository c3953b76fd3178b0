-- the latest delivery figures of a campaign execution's run, as campaign-report, GET /api/executions/{id}/delivery
-- and serve's refresh fetched them from /push/task/detail: the report's JSON document and when it was fetched (epoch
-- ms), so that the dashboard, the API and the gauges answer from here without calling MaxIM
CREATE TABLE campaign_delivery (
    job_execution_id BIGINT       NOT NULL,
    job_name         VARCHAR(100) NOT NULL,
    fetched_at       BIGINT       NOT NULL,
    report           TEXT         NOT NULL,
    CONSTRAINT campaign_delivery_pk PRIMARY KEY (job_execution_id)
);
CREATE INDEX campaign_delivery_job_ix ON campaign_delivery (job_name, job_execution_id);
