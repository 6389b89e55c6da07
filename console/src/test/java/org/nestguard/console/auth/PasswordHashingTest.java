package org.nestguard.console.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {
    @Test
    void hashesWithArgon2idAtOwaspParametersAndVerifies() {
        String hash = PasswordHashing.OWASP.hash("correct horse battery");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(PasswordHashing.OWASP.matches("correct horse battery", hash));
        assertFalse(PasswordHashing.OWASP.matches("correct horse batterY", hash));
        assertNotEquals(hash, PasswordHashing.OWASP.hash("correct horse battery"), "each hash has its own salt");
    }

    @Test
    void aHashKeepsItsOwnParametersSoTheyCanBeRaised() {
        PasswordHashing weak = new PasswordHashing(64, 1, 1);
        String old = weak.hash("an older password");
        assertTrue(PasswordHashing.OWASP.matches("an older password", old), "verified with the stored parameters");
        assertTrue(PasswordHashing.OWASP.weakerThanCurrent(old));
        assertFalse(PasswordHashing.OWASP.weakerThanCurrent(PasswordHashing.OWASP.hash("x".repeat(12))));
    }

    @Test
    void matchesTheArgon2idReferenceVector() {
        // RFC 9106 style check with the phc-winner-argon2 CLI: echo -n password | argon2 somesalt -id -t 2 -m 16
        // -p 1 -l 32 -e gives this encoded hash
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertTrue(PasswordHashing.OWASP.matches("password", reference));
    }

    @Test
    void malformedHashesNeverMatchAndShortPasswordsAreRefused() {
        assertFalse(PasswordHashing.OWASP.matches("password", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA"));
        assertFalse(PasswordHashing.OWASP.matches("password", "plain"));
        assertFalse(PasswordHashing.OWASP.matches("password", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PasswordHashing.checkStrength("short"));
        assertTrue(e.getMessage().contains("at least 12"), e.getMessage());
    }
}
