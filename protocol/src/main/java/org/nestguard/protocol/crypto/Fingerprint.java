package org.nestguard.protocol.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a certificate's DER encoding, written {@code AB:CD:...} as browsers and
 * {@code openssl x509 -fingerprint -sha256} show it; the installer passes it so the agent can pin the console's CA.
 */
public final class Fingerprint {
    private static final int LENGTH = 32;
    private static final String EXPECTED_FORM = "expected a SHA-256 fingerprint of 64 hexadecimal digits, "
            + "optionally in pairs separated by ':' and optionally starting 'sha256:', for example "
            + "'SHA256:AB:CD:...' or 'abcd...' as printed by the console";

    private final byte[] digest;

    private Fingerprint(byte[] digest) {
        this.digest = digest;
    }

    /** The fingerprint of {@code certificate}. */
    public static Fingerprint of(X509Certificate certificate) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be DER-encoded, so it has no fingerprint", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /**
     * Parses a fingerprint as an operator may type it: with or without colons, any case, with an optional
     * {@code sha256:} prefix; anything else is an {@link IllegalArgumentException} saying which form is expected.
     */
    public static Fingerprint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the CA fingerprint is empty; " + EXPECTED_FORM);
        }
        String hex = text.strip();
        if (hex.regionMatches(true, 0, "sha256:", 0, "sha256:".length())) {
            hex = hex.substring("sha256:".length());
        }
        if (hex.indexOf(':') >= 0) {
            // With colons, every group must be one byte, so a dropped digit is caught rather than shifted.
            if (!hex.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2})*")) {
                throw new IllegalArgumentException("the CA fingerprint '" + text + "' is malformed; " + EXPECTED_FORM);
            }
            hex = hex.replace(":", "");
        }
        if (!hex.matches("(?i)[0-9a-f]*") || hex.length() != LENGTH * 2) {
            throw new IllegalArgumentException("the CA fingerprint '" + text + "' has "
                    + (hex.matches("(?i)[0-9a-f]*") ? hex.length() + " hexadecimal digits" : "characters that are not "
                    + "hexadecimal digits") + "; " + EXPECTED_FORM);
        }
        return new Fingerprint(HexFormat.of().parseHex(hex));
    }

    /**
     * Whether {@code expected} names this fingerprint, in any of the forms {@link #parse} accepts.
     *
     * @throws IllegalArgumentException when {@code expected} is not a fingerprint at all
     */
    public boolean matches(String expected) {
        // Constant time, as a habit for comparisons that guard trust decisions.
        return MessageDigest.isEqual(digest, parse(expected).digest);
    }

    /** The 32 digest bytes. */
    public byte[] bytes() {
        return digest.clone();
    }

    /** Upper-case hexadecimal pairs separated by colons: {@code AB:CD:...}. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest).toUpperCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }
}
