package org.nestguard.console.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets the console must keep in its database but never show again (TOTP secrets), with AES-256-GCM under
 * a key kept in the data folder ({@code pki/secrets.key}, 600) rather than in the database: a database dump or
 * backup, or a PostgreSQL server shared with other systems, then holds no usable second factor. Each sealed value
 * is bound to what it belongs to (the associated data, such as the account id), so a value copied onto another
 * row does not open. Several consoles sharing a PostgreSQL store share the data folder's keys, as they share the
 * CA.
 */
public final class SecretsKey {
    /** Prefix of a sealed value: the version of this format, so a later format can be told apart. */
    static final String PREFIX = "s1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private SecretsKey(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the secrets key must be 256 bits; it is " + key.length * 8);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** The key in the data folder, made there first if there is none (two consoles starting together make one). */
    public static SecretsKey openOrCreate(Path dataDir) {
        CaFolder folder = new CaFolder(dataDir);
        SecureRandom random = new SecureRandom();
        try (FileChannel lock = folder.lock()) {
            if (Files.exists(folder.secretsKeyFile())) {
                String text = folder.readSecretsKey();
                try {
                    return new SecretsKey(Base64.getDecoder().decode(text), random);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(folder.secretsKeyFile() + " is not a 256-bit key in Base64 ("
                            + e.getMessage() + "); restore it from backup. Without it no one can use their "
                            + "authenticator: an administrator must then reset each account with --reset-totp", e);
                }
            }
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            folder.saveSecretsKey(Base64.getEncoder().encodeToString(fresh));
            return new SecretsKey(fresh, random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + folder.secretsKeyFile().getParent(), e);
        }
    }

    /** A key held in memory only, for tests and tools. */
    public static SecretsKey of(byte[] key) {
        return new SecretsKey(key.clone(), new SecureRandom());
    }

    /** {@code secret} sealed and bound to {@code belongsTo}: {@code s1:} and Base64 of nonce, ciphertext and tag. */
    public String seal(String secret, String belongsTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(belongsTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot use AES-GCM", e);
        }
    }

    /** Whether a stored value is sealed by this format (older rows may hold the secret as written). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /**
     * The secret a sealed value holds. A value that does not open (another console's key, a value moved to
     * another row, a damaged row) is an {@link IllegalStateException} naming what to do; it is never guessed at.
     */
    public String open(String sealed, String belongsTo) {
        if (!isSealed(sealed)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a sealed secret of " + belongsTo + " is damaged; reset it", e);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("a sealed secret of " + belongsTo + " is truncated; reset it");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(belongsTo.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the sealed secret of " + belongsTo + " does not open with this "
                    + "console's pki/secrets.key: the key is not the one that sealed it (restore the data folder's "
                    + "key), or the row was altered; an administrator can reset it", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot use AES-GCM", e);
        }
    }
}
