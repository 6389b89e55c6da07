package org.nestguard.console.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238): HMAC-SHA-1, 6 digits, 30-second steps, accepting the step before and
 * after the current one for clock drift. Which step was last used is the caller's to keep, so a code is never
 * accepted twice.
 */
public final class Totp {
    /** Seconds per step. */
    public static final int PERIOD = 30;
    private static final int DIGITS = 6;
    private static final int SECRET_BYTES = 20;
    private static final int DRIFT_STEPS = 1;

    private final Clock clock;

    public Totp(Clock clock) {
        this.clock = clock;
    }

    /** A new random 160-bit secret, as Base32 (what authenticator apps take). */
    public static String newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base32.encode(secret);
    }

    /** The 30-second step the clock is in now. */
    public long currentStep() {
        return Math.floorDiv(clock.millis() / 1000, PERIOD);
    }

    /** The step (now, one before or one after) whose code this is, or empty when it matches none of them. */
    public OptionalLong matchingStep(String base32Secret, String code) {
        String digits = code == null ? "" : code.replaceAll("\\s", "");
        if (!digits.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        byte[] key = Base32.decode(base32Secret);
        long now = currentStep();
        for (long step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
            if (constantTimeEquals(code(key, step), digits)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The code for a step: RFC 4226's dynamic truncation of HMAC-SHA-1 over the step as 8 big-endian bytes. */
    public static String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] counter = new byte[8];
            for (int i = 7; i >= 0; i--) {
                counter[i] = (byte) (step >>> (8 * (7 - i)));
            }
            byte[] hmac = mac.doFinal(counter);
            int offset = hmac[hmac.length - 1] & 0x0f;
            int binary = ((hmac[offset] & 0x7f) << 24) | ((hmac[offset + 1] & 0xff) << 16)
                    | ((hmac[offset + 2] & 0xff) << 8) | (hmac[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no HmacSHA1", e);
        }
    }

    /** The otpauth:// URI an authenticator app reads (typed in or pasted, as there is no QR code yet). */
    public static String uri(String issuer, String accountName, String base32Secret) {
        String label = encode(issuer + ":" + accountName);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }
}
