package org.nestguard.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintTest {
    private static TestAuthority ca;
    private static String plainHex;

    @BeforeAll
    static void makeCa() throws Exception {
        ca = TestAuthority.create("Fingerprint CA");
        plainHex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded()));
    }

    @Test
    void isSha256OfTheDerInUpperCaseColonPairs() {
        String shown = Fingerprint.of(ca.certificate()).toString();

        assertEquals(32 * 3 - 1, shown.length());
        assertTrue(shown.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), shown);
        assertEquals(plainHex.toUpperCase(Locale.ROOT), shown.replace(":", ""));
    }

    @Test
    void matchesEveryFormAnOperatorMightType() {
        Fingerprint fingerprint = Fingerprint.of(ca.certificate());
        String colons = fingerprint.toString();

        assertTrue(fingerprint.matches(colons));
        assertTrue(fingerprint.matches(colons.toLowerCase(Locale.ROOT)));
        assertTrue(fingerprint.matches(plainHex));
        assertTrue(fingerprint.matches(plainHex.toUpperCase(Locale.ROOT)));
        assertTrue(fingerprint.matches("sha256:" + plainHex));
        assertTrue(fingerprint.matches("SHA256:" + colons));
        assertTrue(fingerprint.matches("  " + colons + "\n"));
    }

    @Test
    void doesNotMatchAnotherCertificate() throws Exception {
        Fingerprint other = Fingerprint.of(TestAuthority.create("Other CA").certificate());

        assertFalse(other.matches(plainHex));
        assertFalse(Fingerprint.of(ca.certificate()).equals(other));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "sha1:0011", "zz",
        // 63 digits: one dropped
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
        // right length, but one colon group has three digits and another one
        "012:3456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void malformedExpectedFingerprintSaysWhichFormIsExpected(String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Fingerprint.of(ca.certificate()).matches(expected));

        assertTrue(error.getMessage().contains("expected a SHA-256 fingerprint of 64 hexadecimal digits"),
                error.getMessage());
    }

    @Test
    void parsedFingerprintEqualsTheComputedOne() {
        assertEquals(Fingerprint.of(ca.certificate()), Fingerprint.parse("sha256:" + plainHex));
    }
}
