-- One schema for SQLite and PostgreSQL: only portable types (times are epoch milliseconds, JSON is text,
-- "revoked"/"delivered" are nullable times rather than booleans) so both stores behave the same.

CREATE TABLE settings (
    id              VARCHAR(100) PRIMARY KEY,
    name            VARCHAR(300) NOT NULL,
    created_at      BIGINT       NOT NULL,
    -- bumped in the same statement that locks the row, so concurrent imports get distinct versions
    policy_version  INTEGER      NOT NULL DEFAULT 0
);

CREATE TABLE policy_versions (
    setting_id  VARCHAR(100) NOT NULL REFERENCES settings (id),
    version     INTEGER      NOT NULL,
    yaml        TEXT         NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    author      VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL,
    reason      TEXT         NOT NULL,
    PRIMARY KEY (setting_id, version)
);

CREATE TABLE enrolment_tokens (
    id          VARCHAR(36)  PRIMARY KEY,
    -- only the SHA-256 of the secret: a copy of the database cannot enrol devices
    token_hash  VARCHAR(64)  NOT NULL UNIQUE,
    setting_id  VARCHAR(100) NOT NULL REFERENCES settings (id),
    uses_total  INTEGER      NOT NULL,
    uses_left   INTEGER      NOT NULL,
    expires_at  BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE devices (
    id              VARCHAR(36)  PRIMARY KEY,
    setting_id      VARCHAR(100) NOT NULL REFERENCES settings (id),
    hostname        VARCHAR(255),
    os_family       VARCHAR(50),
    os_name         VARCHAR(200),
    os_version      VARCHAR(200),
    manufacturer    VARCHAR(200),
    model           VARCHAR(200),
    serial_number   VARCHAR(200),
    hardware_uuid   VARCHAR(100),
    enrolled_at     BIGINT       NOT NULL,
    -- 1 for the first enrolment, +1 each time the device enrols again (its agent restarts its sequence at 1)
    enrolment       INTEGER      NOT NULL,
    -- highest sequence of the current enrolment held with no gap below it
    events_through  BIGINT       NOT NULL DEFAULT 0,
    last_seen_at    BIGINT,
    last_address    VARCHAR(100),
    location        TEXT,
    UNIQUE (serial_number, hardware_uuid)
);

CREATE TABLE device_macs (
    mac        VARCHAR(17) NOT NULL,
    device_id  VARCHAR(36) NOT NULL REFERENCES devices (id),
    PRIMARY KEY (mac, device_id)
);

CREATE TABLE device_certificates (
    serial      VARCHAR(64) PRIMARY KEY,
    device_id   VARCHAR(36) NOT NULL REFERENCES devices (id),
    issued_at   BIGINT      NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX device_certificates_device ON device_certificates (device_id);

CREATE TABLE events (
    device_id    VARCHAR(36)  NOT NULL REFERENCES devices (id),
    enrolment    INTEGER      NOT NULL,
    sequence     BIGINT       NOT NULL,
    recorded_at  BIGINT       NOT NULL,
    received_at  BIGINT       NOT NULL,
    type         VARCHAR(64)  NOT NULL,
    -- copied out of a check-result's payload so "latest result per control" needs no JSON functions
    control      VARCHAR(100),
    payload      TEXT         NOT NULL,
    PRIMARY KEY (device_id, enrolment, sequence)
);
CREATE INDEX events_device_type_time ON events (device_id, type, recorded_at);
CREATE INDEX events_device_control ON events (device_id, control);

CREATE TABLE commands (
    id            VARCHAR(36) PRIMARY KEY,
    device_id     VARCHAR(36) NOT NULL REFERENCES devices (id),
    type          VARCHAR(64) NOT NULL,
    payload       TEXT        NOT NULL,
    created_at    BIGINT      NOT NULL,
    delivered_at  BIGINT,
    completed_at  BIGINT,
    result        TEXT
);
CREATE INDEX commands_device_open ON commands (device_id, completed_at);

CREATE TABLE api_keys (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL UNIQUE,
    key_hash    VARCHAR(64)  NOT NULL UNIQUE,
    created_at  BIGINT       NOT NULL
);
