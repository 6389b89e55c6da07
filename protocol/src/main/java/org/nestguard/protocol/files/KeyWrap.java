package org.nestguard.protocol.files;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps a quarantine item's AES key for an RSA public key (the console's evidence key, or a police recipient's)
 * with RSA-OAEP, SHA-256 for both the digest and MGF1: spelled out, because the JDK's "OAEPWithSHA-256AndMGF1Padding"
 * alone means MGF1 with SHA-1, which other tools would not guess.
 */
public final class KeyWrap {
    /** The smallest RSA key accepted: NIST's equivalent of AES-128 strength. */
    public static final int MIN_RSA_BITS = 3072;
    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);

    private KeyWrap() {
    }

    /** {@code key} wrapped for {@code recipient}, base64. */
    public static String wrap(SecretKey key, PublicKey recipient) throws GeneralSecurityException {
        requireStrong(recipient);
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.WRAP_MODE, recipient, OAEP);
        return Base64.getEncoder().encodeToString(cipher.wrap(key));
    }

    /**
     * The AES key in {@code wrapped}.
     *
     * @throws GeneralSecurityException when it was wrapped for another key or has been altered
     */
    public static SecretKey unwrap(String wrapped, PrivateKey key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.UNWRAP_MODE, key, OAEP);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(wrapped);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the wrapped key is not base64");
        }
        SecretKey unwrapped = (SecretKey) cipher.unwrap(bytes, "AES", Cipher.SECRET_KEY);
        if (unwrapped.getEncoded().length != VaultCipher.KEY_BYTES) {
            throw new GeneralSecurityException("the wrapped key is not an AES-256 key");
        }
        return unwrapped;
    }

    /** A key from its raw 32 bytes (a release order carries it base64). */
    public static SecretKey aesKey(byte[] raw) {
        if (raw.length != VaultCipher.KEY_BYTES) {
            throw new IllegalArgumentException("an item key is " + VaultCipher.KEY_BYTES + " bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** SHA-256 of the key's X.509 encoding, lower-case hex: how records name the key an item is wrapped for. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Refuses anything but an RSA key of at least {@value #MIN_RSA_BITS} bits, saying what was given. */
    public static void requireStrong(PublicKey key) throws InvalidKeyException {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new InvalidKeyException("expected an RSA public key of at least " + MIN_RSA_BITS + " bits, not "
                    + key.getAlgorithm());
        }
        if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new InvalidKeyException("the RSA key has " + rsa.getModulus().bitLength() + " bits; at least "
                    + MIN_RSA_BITS + " are required");
        }
    }
}
