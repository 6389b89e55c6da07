-- Concerns (cases): the record of online safety concerns and the actions taken (Kent template: "maintain records
-- of online safety concerns, as well as actions taken"). V1's portability rules hold: times are epoch
-- milliseconds, yes/no is an INTEGER 0/1, every id is made by the console. Routing is the flags' rule
-- (store/VisibleTo): a learner-subject case goes to the DSL and deputies, a staff-subject one to the manager and
-- headteacher, so a case carries setting_id, account_kind and account_key like a flag.
CREATE TABLE cases (
    id              VARCHAR(36)  PRIMARY KEY,
    setting_id      VARCHAR(100) NOT NULL REFERENCES settings (id),
    title           VARCHAR(300) NOT NULL,
    -- the subject's account as devices report it ('' when the concern names none), its lower-case key, its kind
    account         VARCHAR(200) NOT NULL,
    account_key     VARCHAR(200) NOT NULL,
    account_kind    VARCHAR(10)  NOT NULL,
    -- open or closed; a case closes only once it holds a lessons-learnt entry
    state           VARCHAR(10)  NOT NULL,
    opened_at       BIGINT       NOT NULL,
    opened_by_id    VARCHAR(36)  NOT NULL,
    opened_by_name  VARCHAR(200) NOT NULL,
    closed_at       BIGINT,
    closed_by_id    VARCHAR(36),
    closed_by_name  VARCHAR(200)
);
CREATE INDEX cases_setting ON cases (setting_id, state, opened_at, id);

-- Flags escalated into a case (a flag belongs to one case: the concern it became).
CREATE TABLE case_flags (
    case_id         VARCHAR(36)  NOT NULL REFERENCES cases (id),
    flag_id         VARCHAR(36)  NOT NULL REFERENCES flags (id),
    linked_at       BIGINT       NOT NULL,
    linked_by_id    VARCHAR(36)  NOT NULL,
    linked_by_name  VARCHAR(200) NOT NULL,
    PRIMARY KEY (case_id, flag_id),
    UNIQUE (flag_id)
);

-- Quarantine items that are part of the concern (metadata only is ever shown).
CREATE TABLE case_quarantine_items (
    case_id         VARCHAR(36)  NOT NULL REFERENCES cases (id),
    item_id         VARCHAR(36)  NOT NULL REFERENCES quarantine_items (id),
    linked_at       BIGINT       NOT NULL,
    linked_by_id    VARCHAR(36)  NOT NULL,
    linked_by_name  VARCHAR(200) NOT NULL,
    PRIMARY KEY (case_id, item_id)
);

-- The case's record, append-only: an entry is never updated or deleted; a correction is a new entry naming the
-- one it corrects. kind: action, advice, parents, agency, lessons. occurred_at is when it happened (as the
-- person says), recorded_at when it was written. party: who did it, who was asked, who told the parents, which
-- agency; detail: what was done, the outcome, how the parents were told, notes; reference: the agency's reference.
CREATE TABLE case_entries (
    id              VARCHAR(36)  PRIMARY KEY,
    case_id         VARCHAR(36)  NOT NULL REFERENCES cases (id),
    -- 1, 2, 3... within the case, in the order written: the record's order and how a correction names an entry
    seq             INTEGER      NOT NULL,
    kind            VARCHAR(20)  NOT NULL,
    occurred_at     BIGINT       NOT NULL,
    recorded_at     BIGINT       NOT NULL,
    by_id           VARCHAR(36)  NOT NULL,
    by_name         VARCHAR(200) NOT NULL,
    party           VARCHAR(300),
    detail          TEXT         NOT NULL,
    reference       VARCHAR(200),
    corrects_id     VARCHAR(36)  REFERENCES case_entries (id),
    UNIQUE (case_id, seq)
);
