-- legacy id -> MaxIM user id; PENDING is written (and committed) before the registration call
CREATE TABLE user_map (
    legacy_id        VARCHAR(255) NOT NULL PRIMARY KEY,
    username         VARCHAR(255) NOT NULL,
    user_id          BIGINT,
    state            VARCHAR(16)  NOT NULL,
    origin           VARCHAR(16)  NOT NULL,
    job_instance_id  BIGINT       NOT NULL,
    job_execution_id BIGINT       NOT NULL,
    source_line      VARCHAR(100),
    updated_at       TIMESTAMP    NOT NULL,
    CONSTRAINT user_map_username_uk UNIQUE (username),
    CONSTRAINT user_map_user_id_uk UNIQUE (user_id),
    CONSTRAINT user_map_state_ck CHECK (state IN ('PENDING', 'DONE'))
);

-- every record that was not written, with its reason; written in the chunk's own transaction
CREATE TABLE reject_record (
    id               BIGSERIAL PRIMARY KEY,
    job_instance_id  BIGINT       NOT NULL,
    job_execution_id BIGINT       NOT NULL,
    step_name        VARCHAR(100) NOT NULL,
    source_line      VARCHAR(100) NOT NULL,
    reason_code      VARCHAR(64)  NOT NULL,
    reason           VARCHAR(2000) NOT NULL,
    fields           TEXT         NOT NULL,
    created_at       TIMESTAMP    NOT NULL
);
CREATE INDEX reject_record_step_ix ON reject_record (job_instance_id, step_name);
