-- Proposed changes to a setting's policy, waiting for a DSL or leadership account to approve or reject them
-- ("all changes to the filtering policy are logged and recorded", §7.3.1). V1's portability rules hold: times are
-- epoch milliseconds and every id is made by the console. (V9: other branches take V7 and V8.)

CREATE TABLE policy_proposals (
    id                 VARCHAR(36)  PRIMARY KEY,
    setting_id         VARCHAR(100) NOT NULL REFERENCES settings (id),
    -- the policy version the proposal was made against: approval is refused once the setting has moved on
    base_version       INTEGER      NOT NULL,
    yaml               TEXT         NOT NULL,
    reason             TEXT         NOT NULL,
    proposer_id        VARCHAR(36)  NOT NULL,
    proposer_name      VARCHAR(200) NOT NULL,
    proposed_at        BIGINT       NOT NULL,
    -- waiting, approved or rejected
    state              VARCHAR(10)  NOT NULL,
    decided_by_id      VARCHAR(36),
    decided_by_name    VARCHAR(200),
    decided_at         BIGINT,
    decision_note      TEXT,
    -- the policy version an approval published, so the version history can say who approved it
    published_version  INTEGER
);
CREATE INDEX policy_proposals_setting ON policy_proposals (setting_id, state, proposed_at);
