package org.nestguard.console.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so each
 * stored hash carries its own parameters and they can be raised later without breaking existing accounts.
 */
public final class PasswordHashing {
    /** OWASP's Argon2id minimum: 19 MiB of memory, 2 passes, 1 lane. */
    public static final PasswordHashing OWASP = new PasswordHashing(19 * 1024, 2, 1);
    /** The shortest password an account may have. */
    public static final int MIN_LENGTH = 12;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    public PasswordHashing(int memoryKib, int iterations, int parallelism) {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2id needs memory >= 8 KiB per lane, at least 1 pass and 1 lane");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /** A new salted hash of the password with this instance's parameters. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the password gives this stored hash, with the parameters stored in it; false for a malformed one. */
    public boolean matches(String password, String stored) {
        Parsed parsed = Parsed.of(stored);
        if (parsed == null || password == null) {
            return false;
        }
        byte[] actual = derive(password, parsed.salt, parsed.memoryKib, parsed.iterations, parsed.parallelism,
                parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** Whether the stored hash was made with weaker parameters than this instance's, so should be made again. */
    public boolean weakerThanCurrent(String stored) {
        Parsed parsed = Parsed.of(stored);
        return parsed == null || parsed.memoryKib < memoryKib || parsed.iterations < iterations;
    }

    /** Refuses a password too short to be one, saying what is wanted. */
    public static void checkStrength(String password) {
        if (password == null || password.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("The new password is too short: use at least " + MIN_LENGTH
                    + " characters (a few unrelated words work well)");
        }
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(parallelism).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.toCharArray(), out);
        return out;
    }

    private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        static Parsed of(String stored) {
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            String[] parts = stored == null ? new String[0] : stored.split("\\$");
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            try {
                int m = 0;
                int t = 0;
                int p = 0;
                for (String pair : parts[3].split(",")) {
                    String[] kv = pair.split("=", 2);
                    int value = Integer.parseInt(kv[1]);
                    switch (kv[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                byte[] salt = B64_DECODER.decode(parts[4]);
                byte[] hash = B64_DECODER.decode(parts[5]);
                return m < 8 || t < 1 || p < 1 || hash.length < 16 ? null : new Parsed(m, t, p, salt, hash);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                return null;
            }
        }
    }
}
