-- People's API signs in with console accounts (V6) instead of API keys: the accounts get the OS accounts on
-- setting devices that are their owners' own (lower case), so history and flags about them never reach them, and
-- the API key tables of V1 and V3 go. V1's portability rules hold.

CREATE TABLE account_device_accounts (
    account_id   VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    account_key  VARCHAR(200) NOT NULL,
    PRIMARY KEY (account_id, account_key)
);

DROP TABLE api_key_device_accounts;
DROP TABLE api_key_roles;
DROP TABLE api_keys;
