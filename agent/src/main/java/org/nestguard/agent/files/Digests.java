package org.nestguard.agent.files;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A file's SHA-256, SHA-1 and MD5 as raw bytes. SHA-1 and MD5 are null when the scan was told no loaded hash
 * list has digests of that length, so computing them would be wasted work.
 */
public record Digests(byte[] sha256, byte[] sha1, byte[] md5) {
    private static final HexFormat HEX = HexFormat.of();

    public Digests {
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length != 32 || (sha1 != null && sha1.length != 20) || (md5 != null && md5.length != 16)) {
            throw new IllegalArgumentException("digest of the wrong length");
        }
    }

    public String sha256Hex() {
        return HEX.formatHex(sha256);
    }

    public String sha1Hex() {
        return sha1 == null ? null : HEX.formatHex(sha1);
    }

    public String md5Hex() {
        return md5 == null ? null : HEX.formatHex(md5);
    }

    /** Whether this holds every digest {@code needed} asks for. */
    public boolean covers(DigestSet needed) {
        return (!needed.sha1() || sha1 != null) && (!needed.md5() || md5 != null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digests d && Arrays.equals(sha256, d.sha256) && Arrays.equals(sha1, d.sha1)
                && Arrays.equals(md5, d.md5);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "sha256:" + sha256Hex();
    }
}
