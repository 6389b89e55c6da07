-- Console accounts for the web pages: Argon2id password hashes, roles per setting, TOTP, sessions and the
-- sign-in throttle. V1's portability rules hold: times are epoch milliseconds, yes/no is an INTEGER 0/1, and
-- every id is made by the console. (V6, not V5: another branch takes V5.)

CREATE TABLE accounts (
    id                    VARCHAR(36)  PRIMARY KEY,
    name                  VARCHAR(200) NOT NULL UNIQUE,
    -- PHC string: $argon2id$v=19$m=...,t=...,p=...$salt$hash, so the parameters can change per account
    password_hash         VARCHAR(300) NOT NULL,
    must_change_password  INTEGER      NOT NULL,
    totp_required         INTEGER      NOT NULL,
    -- Base32 secret; null until the person enrols
    totp_secret           VARCHAR(64),
    -- the last 30 s step whose code was accepted: a code is never accepted twice
    totp_last_step        BIGINT,
    disabled_at           BIGINT,
    created_at            BIGINT       NOT NULL
);

-- one row per role the account holds in a setting; '*' is every setting (admin and technical only)
CREATE TABLE account_roles (
    account_id  VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    role        VARCHAR(50)  NOT NULL,
    setting_id  VARCHAR(100) NOT NULL,
    PRIMARY KEY (account_id, role, setting_id)
);

-- only the SHA-256 of the 256-bit cookie value is kept: a copy of the database signs nobody in
CREATE TABLE web_sessions (
    id_hash       VARCHAR(64)  PRIMARY KEY,
    account_id    VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    -- how far sign-in has gone: second-factor, password-change, totp-enrolment, signed-in
    stage         VARCHAR(30)  NOT NULL,
    csrf_token    VARCHAR(64)  NOT NULL,
    address       VARCHAR(100),
    created_at    BIGINT       NOT NULL,
    last_seen_at  BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL
);
CREATE INDEX web_sessions_account ON web_sessions (account_id);

-- failed sign-ins per subject ('account:NAME' whether or not it exists, 'address:IP') in the current window
CREATE TABLE sign_in_failures (
    subject       VARCHAR(300) PRIMARY KEY,
    failures      INTEGER      NOT NULL,
    window_start  BIGINT       NOT NULL,
    locked_until  BIGINT
);
