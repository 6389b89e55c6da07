-- TOTP secrets are kept sealed (AES-256-GCM under pki/secrets.key: "s1:" and Base64 of nonce, ciphertext and tag),
-- longer than the Base32 secret the column was sized for.
ALTER TABLE accounts ALTER COLUMN totp_secret TYPE VARCHAR(200);
