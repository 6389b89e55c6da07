-- Monitoring on the console: people's roles, visits, flags and their review, history notices, self-tests, the
-- hash-chained audit log and the retention job's purge log. V1's portability rules hold: times are epoch
-- milliseconds, JSON is text, yes/no is an INTEGER 0/1, and every id is made by the console (no SERIAL or
-- AUTOINCREMENT, which the two stores spell differently).

-- People: the API keys of "user add" get roles, a setting and their own accounts on setting devices. A key made
-- before this migration (or without --role) is an administrator, which is what every key could do until now.
ALTER TABLE api_keys ADD COLUMN setting_id VARCHAR(100) REFERENCES settings (id);

CREATE TABLE api_key_roles (
    api_key_id  VARCHAR(36) NOT NULL REFERENCES api_keys (id),
    role        VARCHAR(20) NOT NULL,
    PRIMARY KEY (api_key_id, role)
);
INSERT INTO api_key_roles (api_key_id, role) SELECT id, 'admin' FROM api_keys;

-- The OS accounts on setting devices that are this person's own (lower case), so flags about them never reach them.
CREATE TABLE api_key_device_accounts (
    api_key_id  VARCHAR(36)  NOT NULL REFERENCES api_keys (id),
    account     VARCHAR(200) NOT NULL,
    PRIMARY KEY (api_key_id, account)
);

-- Visits uploaded when the policy uploads all history. The id is the SHA-256 of device, account, browser,
-- profile, visit time and URL, so the same visit arriving in a history batch and again as a flag is one row.
CREATE TABLE visits (
    id            VARCHAR(64)  PRIMARY KEY,
    device_id     VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id    VARCHAR(100) NOT NULL REFERENCES settings (id),
    visited_at    BIGINT       NOT NULL,
    url           TEXT         NOT NULL,
    host          VARCHAR(255) NOT NULL,
    title         TEXT         NOT NULL,
    browser       VARCHAR(50)  NOT NULL,
    profile       VARCHAR(200) NOT NULL,
    account       VARCHAR(200) NOT NULL,
    -- the account in lower case: filters and routing compare accounts without regard to case
    account_key   VARCHAR(200) NOT NULL,
    account_kind  VARCHAR(10)  NOT NULL,
    transition    VARCHAR(20)  NOT NULL,
    search_terms  TEXT,
    received_at   BIGINT       NOT NULL
);
-- newest-first history of a setting (keyset by time, id), of a device, and of an account
CREATE INDEX visits_setting_time ON visits (setting_id, visited_at, id);
CREATE INDEX visits_device_time ON visits (device_id, visited_at);
CREATE INDEX visits_account_time ON visits (setting_id, account_key, visited_at);

-- The host of each visit and every parent domain of two labels or more (www.example.co.uk: itself,
-- example.co.uk, co.uk), so "domain matches the host and its subdomains" is an indexed equality. A reversed-host
-- range (LIKE 'moc.elpmaxe.%') would be one row, but PostgreSQL's usual collations ignore the dots when
-- comparing, which makes such ranges wrong; equality is right under every collation. A domain search walks
-- visit_domains_time newest first; the key (domain, visit_id) makes the other plan (from visits, probing here)
-- one lookup per visit too, which matters before PostgreSQL has statistics for a freshly loaded table.
-- Retention deletes rows by their key, recomputing the domains from visits.host. No foreign key to visits: it
-- would make every deleted visit look for rows here by visit_id, which needs a third index on the busiest table
-- (without one, purging 100,000 visits scanned this table once per visit and did not finish in 20 minutes).
CREATE TABLE visit_domains (
    domain      VARCHAR(255) NOT NULL,
    visit_id    VARCHAR(64)  NOT NULL,
    visited_at  BIGINT       NOT NULL,
    PRIMARY KEY (domain, visit_id)
);
CREATE INDEX visit_domains_time ON visit_domains (domain, visited_at, visit_id);

-- Flags: one row per flag the agent raised (its own id is unique per device), with the flagged visit, every
-- matching rule (reasons) and the visits just before and after as JSON. Self-test canaries are not stored here.
CREATE TABLE flags (
    id                 VARCHAR(36)  PRIMARY KEY,
    device_id          VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id         VARCHAR(100) NOT NULL REFERENCES settings (id),
    agent_flag_id      VARCHAR(100) NOT NULL,
    -- the event that carried it, so retention can blank that event's copy when the flag goes
    event_enrolment    INTEGER      NOT NULL,
    event_sequence     BIGINT       NOT NULL,
    visit_id           VARCHAR(64)  NOT NULL,
    visited_at         BIGINT       NOT NULL,
    host               VARCHAR(255) NOT NULL,
    account_key        VARCHAR(200) NOT NULL,
    account_kind       VARCHAR(10)  NOT NULL,
    visit              TEXT         NOT NULL,
    severity           VARCHAR(10)  NOT NULL,
    -- 4 critical .. 1 low: the queue sorts on it
    severity_rank      INTEGER      NOT NULL,
    reasons            TEXT         NOT NULL,
    context_before     TEXT         NOT NULL,
    context_after      TEXT         NOT NULL,
    state              VARCHAR(20)  NOT NULL,
    state_changed_at   BIGINT,
    concern_reference  VARCHAR(200),
    received_at        BIGINT       NOT NULL,
    UNIQUE (device_id, agent_flag_id)
);
CREATE INDEX flags_queue ON flags (setting_id, state, severity_rank, visited_at);
CREATE INDEX flags_visit ON flags (visit_id);
CREATE INDEX flags_account ON flags (setting_id, account_key, visited_at);
CREATE INDEX flags_device ON flags (device_id, visited_at);

CREATE TABLE flag_categories (
    flag_id   VARCHAR(36)  NOT NULL REFERENCES flags (id),
    category  VARCHAR(100) NOT NULL,
    PRIMARY KEY (flag_id, category)
);
CREATE INDEX flag_categories_category ON flag_categories (category, flag_id);

-- Every change of a flag's state: who, when, from, to and why.
CREATE TABLE flag_changes (
    id                 VARCHAR(36)  PRIMARY KEY,
    flag_id            VARCHAR(36)  NOT NULL REFERENCES flags (id),
    at                 BIGINT       NOT NULL,
    by_id              VARCHAR(36)  NOT NULL,
    by_name            VARCHAR(200) NOT NULL,
    from_state         VARCHAR(20)  NOT NULL,
    to_state           VARCHAR(20)  NOT NULL,
    reason             TEXT         NOT NULL,
    concern_reference  VARCHAR(200)
);
CREATE INDEX flag_changes_flag ON flag_changes (flag_id, at);

-- Cleared, removed or unreadable browser histories. The record names no account kind, so it is taken from the
-- account's stored visits or flags when there are any (null: unknown).
CREATE TABLE history_notices (
    id            VARCHAR(36)  PRIMARY KEY,
    device_id     VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id    VARCHAR(100) NOT NULL REFERENCES settings (id),
    kind          VARCHAR(20)  NOT NULL,
    browser       VARCHAR(50)  NOT NULL,
    profile       VARCHAR(200) NOT NULL,
    account       VARCHAR(200) NOT NULL,
    account_key   VARCHAR(200) NOT NULL,
    account_kind  VARCHAR(10),
    noticed_at    BIGINT       NOT NULL,
    detail        TEXT         NOT NULL,
    received_at   BIGINT       NOT NULL
);
CREATE INDEX history_notices_setting ON history_notices (setting_id, noticed_at);
CREATE INDEX history_notices_kind ON history_notices (kind, received_at);

-- Monitoring self-tests, kept for the annual review (never purged: they hold no browsing).
CREATE TABLE self_tests (
    id                VARCHAR(36)  PRIMARY KEY,
    device_id         VARCHAR(36)  NOT NULL REFERENCES devices (id),
    setting_id        VARCHAR(100) NOT NULL REFERENCES settings (id),
    command_id        VARCHAR(36)  NOT NULL,
    requested_by      VARCHAR(200) NOT NULL,
    requested_by_id   VARCHAR(36)  NOT NULL,
    requested_at      BIGINT       NOT NULL,
    flag_received_at  BIGINT,
    visit_time        BIGINT,
    agent_flag_id     VARCHAR(100)
);
CREATE INDEX self_tests_setting ON self_tests (setting_id, requested_at);
CREATE INDEX self_tests_time ON self_tests (requested_at);

-- The audit log: every read and change of history, flags and the log itself. hash = SHA-256 over previous_hash
-- and the row's own fields, so an edited, removed or inserted row breaks the chain from there on. setting_id and
-- staff_matter decide who may read a row: a DSL reads their setting's rows except those about staff records.
CREATE TABLE audit_log (
    id             BIGINT       PRIMARY KEY,
    at             BIGINT       NOT NULL,
    actor          VARCHAR(200) NOT NULL,
    actor_id       VARCHAR(36)  NOT NULL,
    action         VARCHAR(64)  NOT NULL,
    target         VARCHAR(200) NOT NULL,
    detail         TEXT         NOT NULL,
    setting_id     VARCHAR(100),
    staff_matter   INTEGER      NOT NULL,
    previous_hash  VARCHAR(64)  NOT NULL,
    hash           VARCHAR(64)  NOT NULL
);
CREATE INDEX audit_log_setting ON audit_log (setting_id, id);

-- The chain's head, one row: appending locks it (UPDATE), so writers in several console processes take turns
-- and each links to the row before it; it also shows a log whose newest rows were cut off.
CREATE TABLE audit_head (
    id         INTEGER     PRIMARY KEY,
    last_id    BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- What the retention job deleted: when, for which setting, which data, how many rows, and the cut-off time.
CREATE TABLE purges (
    id            VARCHAR(36)  PRIMARY KEY,
    at            BIGINT       NOT NULL,
    setting_id    VARCHAR(100) NOT NULL REFERENCES settings (id),
    data_class    VARCHAR(40)  NOT NULL,
    rows_deleted  BIGINT       NOT NULL,
    cut_off       BIGINT       NOT NULL
);
CREATE INDEX purges_setting ON purges (setting_id, at);
