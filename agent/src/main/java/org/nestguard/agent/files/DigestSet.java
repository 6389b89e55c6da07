package org.nestguard.agent.files;

/**
 * Which digests a scan computes besides SHA-256 (always computed: the index, flags and quarantine key on it).
 * SHA-1 and MD5 cost as much CPU again, so they are computed only while a loaded hash list holds such hashes.
 */
public record DigestSet(boolean sha1, boolean md5) {
    public static final DigestSet ALL = new DigestSet(true, true);
    public static final DigestSet SHA256_ONLY = new DigestSet(false, false);
}
