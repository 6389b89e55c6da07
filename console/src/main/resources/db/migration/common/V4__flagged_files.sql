-- Flagged files (DESIGN §7): metadata only. No table holds a byte of a flagged file, and none holds an item key in
-- the clear: quarantine_items keeps the key wrapped for the evidence key, and deletes it when the item is
-- destroyed; a release unwraps it only into the check-in answer that delivers the command. V1's portability
-- rules hold: epoch milliseconds, JSON as text, yes/no as INTEGER 0/1, ids made by the console.

-- The evidence key each device was last given (at enrolment or by an evidence-key command), so a device enrolled
-- before the key existed, or before it changed, is sent the current one once.
ALTER TABLE devices ADD COLUMN evidence_key_fingerprint VARCHAR(64);

-- One row per file flag the agent raised (its flag id is unique per device). account_kind routes it like a
-- monitoring flag: learner to the DSLs, staff to the manager and headteacher, never to the account's owner.
CREATE TABLE file_flags (
    id               VARCHAR(36)  PRIMARY KEY,
    device_id        VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id       VARCHAR(100) NOT NULL REFERENCES settings (id),
    agent_flag_id    VARCHAR(100) NOT NULL,
    event_enrolment  INTEGER      NOT NULL,
    event_sequence   BIGINT       NOT NULL,
    path             TEXT         NOT NULL,
    account          VARCHAR(200),
    account_key      VARCHAR(200),
    account_kind     VARCHAR(10)  NOT NULL,
    owner            VARCHAR(200),
    size_bytes       BIGINT       NOT NULL,
    modified_at      BIGINT       NOT NULL,
    file_created_at  BIGINT,
    kind             VARCHAR(20)  NOT NULL,
    sha256           VARCHAR(64)  NOT NULL,
    sha1             VARCHAR(40),
    md5              VARCHAR(32),
    matches          TEXT         NOT NULL,
    agent_item_id    VARCHAR(100),
    received_at      BIGINT       NOT NULL,
    UNIQUE (device_id, agent_flag_id)
);
CREATE INDEX file_flags_setting ON file_flags (setting_id, received_at, id);
CREATE INDEX file_flags_device ON file_flags (device_id, received_at);
CREATE INDEX file_flags_account ON file_flags (setting_id, account_key, received_at);

-- The kinds of rule that matched each file flag (hash-list, place, request), for the source filter.
CREATE TABLE file_flag_sources (
    flag_id  VARCHAR(36) NOT NULL REFERENCES file_flags (id),
    source   VARCHAR(20) NOT NULL,
    PRIMARY KEY (flag_id, source)
);

-- Isolated files: the agent's record (metadata, hashes before the move, the rule) and the item key wrapped for
-- the evidence key (null once destroyed). state: isolated, released, destroyed. pending: the release or destroy
-- ordered and not yet reported done. police_reference: set when preserved for the police.
CREATE TABLE quarantine_items (
    id                        VARCHAR(36)  PRIMARY KEY,
    device_id                 VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id                VARCHAR(100) NOT NULL REFERENCES settings (id),
    agent_item_id             VARCHAR(100) NOT NULL,
    event_enrolment           INTEGER      NOT NULL,
    event_sequence            BIGINT       NOT NULL,
    path                      TEXT         NOT NULL,
    account                   VARCHAR(200),
    account_key               VARCHAR(200),
    account_kind              VARCHAR(10)  NOT NULL,
    owner                     VARCHAR(200),
    size_bytes                BIGINT       NOT NULL,
    modified_at               BIGINT       NOT NULL,
    file_created_at           BIGINT,
    kind                      VARCHAR(20)  NOT NULL,
    sha256                    VARCHAR(64)  NOT NULL,
    sha1                      VARCHAR(40),
    md5                       VARCHAR(32),
    matches                   TEXT         NOT NULL,
    isolated_at               BIGINT       NOT NULL,
    wrapped_key               TEXT,
    evidence_key_fingerprint  VARCHAR(64)  NOT NULL,
    vault_bytes               BIGINT       NOT NULL,
    state                     VARCHAR(20)  NOT NULL,
    pending                   VARCHAR(20),
    police_reference          VARCHAR(200),
    received_at               BIGINT       NOT NULL,
    UNIQUE (device_id, agent_item_id)
);
CREATE INDEX quarantine_items_setting ON quarantine_items (setting_id, isolated_at, id);

-- What the agent reported about each item (isolated, released, destroyed, evidence-exported, recovered, failed).
CREATE TABLE quarantine_changes (
    id               VARCHAR(36)  PRIMARY KEY,
    device_id        VARCHAR(36)  NOT NULL REFERENCES devices (id),
    agent_item_id    VARCHAR(100) NOT NULL,
    action           VARCHAR(30)  NOT NULL,
    command_id       VARCHAR(36),
    detail           TEXT,
    recorded_at      BIGINT       NOT NULL,
    received_at      BIGINT       NOT NULL
);
CREATE INDEX quarantine_changes_item ON quarantine_changes (device_id, agent_item_id, recorded_at);

-- Every decision about flagged files with who, when and the justification typed: isolate (item_id null until
-- the agent answers), release, destroy (with both confirmations), preserve (police reference), viewing, export.
CREATE TABLE file_decisions (
    id                VARCHAR(36)  PRIMARY KEY,
    device_id         VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id        VARCHAR(100) NOT NULL REFERENCES settings (id),
    item_id           VARCHAR(36)  REFERENCES quarantine_items (id),
    decision          VARCHAR(20)  NOT NULL,
    at                BIGINT       NOT NULL,
    by_id             VARCHAR(36)  NOT NULL,
    by_name           VARCHAR(200) NOT NULL,
    justification     TEXT         NOT NULL,
    police_reference  VARCHAR(200),
    detail            TEXT,
    command_id        VARCHAR(36)
);
CREATE INDEX file_decisions_item ON file_decisions (item_id, at);
CREATE INDEX file_decisions_device ON file_decisions (device_id, at);

-- Device holds ("quarantine any devices until police advice has been sought"). At most one open hold a device;
-- lifting it records the police advice (adviser, when, outcome) and the justification.
CREATE TABLE device_holds (
    id                 VARCHAR(36)  PRIMARY KEY,
    device_id          VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id         VARCHAR(100) NOT NULL REFERENCES settings (id),
    placed_at          BIGINT       NOT NULL,
    placed_by_id       VARCHAR(36)  NOT NULL,
    placed_by_name     VARCHAR(200) NOT NULL,
    reason             TEXT         NOT NULL,
    lock_logon         INTEGER      NOT NULL,
    command_id         VARCHAR(36)  NOT NULL,
    lifted_at          BIGINT,
    lifted_by_id       VARCHAR(36),
    lifted_by_name     VARCHAR(200),
    police_adviser     VARCHAR(200),
    police_advice_at   BIGINT,
    police_outcome     TEXT,
    lift_justification TEXT,
    lift_command_id    VARCHAR(36),
    agent_active       INTEGER,
    agent_locked       TEXT,
    agent_failures     TEXT,
    agent_detail       TEXT,
    agent_reported_at  BIGINT
);
CREATE UNIQUE INDEX device_holds_open ON device_holds (device_id) WHERE lifted_at IS NULL;
CREATE INDEX device_holds_device ON device_holds (device_id, placed_at);

-- Outing checks: who asked, when, and the agent's answer (ready, or the photos and videos left, per folder).
CREATE TABLE outing_checks (
    id                 VARCHAR(36)  PRIMARY KEY,
    device_id          VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id         VARCHAR(100) NOT NULL REFERENCES settings (id),
    requested_at       BIGINT       NOT NULL,
    requested_by_id    VARCHAR(36)  NOT NULL,
    requested_by_name  VARCHAR(200) NOT NULL,
    command_id         VARCHAR(36)  NOT NULL,
    answered_at        BIGINT,
    ready              INTEGER,
    folders            TEXT,
    refused_because    TEXT
);
CREATE INDEX outing_checks_device ON outing_checks (device_id, requested_at);

-- Images, videos or documents written to removable volumes: names, counts and the volume, never content.
CREATE TABLE removable_writes (
    id              VARCHAR(36)  PRIMARY KEY,
    device_id       VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id      VARCHAR(100) NOT NULL REFERENCES settings (id),
    volume_id       VARCHAR(200) NOT NULL,
    volume          TEXT         NOT NULL,
    images          INTEGER      NOT NULL,
    videos          INTEGER      NOT NULL,
    documents       INTEGER      NOT NULL,
    total_bytes     BIGINT       NOT NULL,
    names           TEXT         NOT NULL,
    names_omitted   INTEGER      NOT NULL,
    first_written   BIGINT,
    last_written    BIGINT,
    received_at     BIGINT       NOT NULL
);
CREATE INDEX removable_writes_setting ON removable_writes (setting_id, received_at);

-- Antivirus scans of removable volumes when they were mounted.
CREATE TABLE removable_scans (
    id           VARCHAR(36)  PRIMARY KEY,
    device_id    VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id   VARCHAR(100) NOT NULL REFERENCES settings (id),
    volume_id    VARCHAR(200) NOT NULL,
    volume       TEXT         NOT NULL,
    scanner      VARCHAR(100),
    outcome      VARCHAR(20)  NOT NULL,
    threats      TEXT         NOT NULL,
    detail       TEXT,
    started_at   BIGINT,
    finished_at  BIGINT,
    received_at  BIGINT       NOT NULL
);
CREATE INDEX removable_scans_setting ON removable_scans (setting_id, received_at);

-- Evidence exports for the police: ordered with a police reference for a recipient key; the agent's archive is
-- stored in the data folder under evidence/ once the device that holds the item uploads it.
CREATE TABLE evidence_exports (
    id                     VARCHAR(36)  PRIMARY KEY,
    item_id                VARCHAR(36)  NOT NULL REFERENCES quarantine_items (id),
    device_id              VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id             VARCHAR(100) NOT NULL REFERENCES settings (id),
    ordered_at             BIGINT       NOT NULL,
    ordered_by_id          VARCHAR(36)  NOT NULL,
    ordered_by_name        VARCHAR(200) NOT NULL,
    police_reference       VARCHAR(200) NOT NULL,
    recipient_fingerprint  VARCHAR(64)  NOT NULL,
    command_id             VARCHAR(36)  NOT NULL,
    uploaded_at            BIGINT,
    archive_bytes          BIGINT,
    archive_sha256         VARCHAR(64)
);
CREATE INDEX evidence_exports_item ON evidence_exports (item_id, ordered_at);
