package org.nestguard.console.store;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A freshly made secret (enrolment token) and the hash that is stored in its place. 256 random bits
 * make a plain SHA-256 safe to store: there is nothing to guess, so no slow hash is needed.
 */
record NewSecret(String secret, String hash) {
    static NewSecret generate(String prefix, SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new NewSecret(secret, Sha256.hex(secret));
    }

    @Override
    public String toString() {
        return "NewSecret[secret=<hidden>, hash=" + hash + "]";
    }
}
