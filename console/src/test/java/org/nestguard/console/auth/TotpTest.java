package org.nestguard.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.nestguard.console.store.MutableClock;

class TotpTest {
    // RFC 6238 appendix B's SHA-1 seed; its 8-digit codes' last six digits are the 6-digit codes
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void codesMatchTheRfcTestVectors() {
        assertEquals("287082", Totp.code(SEED, 59 / 30));
        assertEquals("081804", Totp.code(SEED, 1111111109L / 30));
        assertEquals("050471", Totp.code(SEED, 1111111111L / 30));
        assertEquals("005924", Totp.code(SEED, 1234567890L / 30));
        assertEquals("279037", Totp.code(SEED, 2000000000L / 30));
        assertEquals("353130", Totp.code(SEED, 20000000000L / 30));
    }

    @Test
    void acceptsTheCurrentStepAndOneEitherSideOnly() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1234567890L));
        Totp totp = new Totp(clock);
        String secret = Base32.encode(SEED);
        long now = 1234567890L / 30;
        assertEquals(OptionalLong.of(now), totp.matchingStep(secret, "005924"));
        assertEquals(OptionalLong.of(now - 1), totp.matchingStep(secret, Totp.code(SEED, now - 1)));
        assertEquals(OptionalLong.of(now + 1), totp.matchingStep(secret, Totp.code(SEED, now + 1)));
        assertTrue(totp.matchingStep(secret, Totp.code(SEED, now - 2)).isEmpty());
        assertTrue(totp.matchingStep(secret, Totp.code(SEED, now + 2)).isEmpty());
        assertEquals(OptionalLong.of(now), totp.matchingStep(secret, "005 924"), "a space as apps show it is fine");
        assertTrue(totp.matchingStep(secret, "00592").isEmpty());
        assertTrue(totp.matchingStep(secret, "abcdef").isEmpty());
        assertTrue(totp.matchingStep(secret, null).isEmpty());
    }

    @Test
    void base32RoundTripsAndTheUriCarriesEveryParameter() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.encode(SEED));
        assertEquals("12345678901234567890", new String(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"),
                StandardCharsets.US_ASCII));
        assertEquals("otpauth://totp/Nestguard%3Aj.smith%20x?secret=ABC&issuer=Nestguard&algorithm=SHA1&digits=6"
                + "&period=30", Totp.uri("Nestguard", "j.smith x", "ABC"));
    }
}
