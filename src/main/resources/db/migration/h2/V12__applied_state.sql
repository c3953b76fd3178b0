-- what maxim-batch last applied of each attribute of each entity ("user:<legacy id>" / "profile", "roster:<user>
-- <friend>" / "remark", ...), as a hash of the value: applied_hash once MaxIM confirmed it, pending_hash (committed)
-- before the call that sends it. A repeated run sends an attribute only when its value differs from the applied one.
CREATE TABLE applied_state (
    entity       VARCHAR(600) NOT NULL,
    attribute    VARCHAR(50)  NOT NULL,
    applied_hash VARCHAR(64),
    pending_hash VARCHAR(64),
    updated_at   BIGINT       NOT NULL,
    CONSTRAINT applied_state_pk PRIMARY KEY (entity, attribute)
);
