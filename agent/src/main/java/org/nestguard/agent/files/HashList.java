package org.nestguard.agent.files;

import java.time.Instant;
import java.util.Objects;

/**
 * One imported hash list, held compactly: a sorted table per digest length.
 *
 * @param name        the name the policy's {@code fileChecks.hashLists} uses
 * @param description what the DSL reads about where it came from
 * @param source      the file it was imported from, and how it was read ("CSV column sha256")
 */
public record HashList(String name, String description, String source, Instant imported, DigestTable sha256,
                       DigestTable sha1, DigestTable md5) {
    public HashList {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(sha1, "sha1");
        Objects.requireNonNull(md5, "md5");
    }

    public int size() {
        return sha256.size() + sha1.size() + md5.size();
    }

    /** The digest of {@code digests} this list holds, as {@code sha256:<hex>}, or null. */
    public String match(Digests digests) {
        if (sha256.contains(digests.sha256())) {
            return "sha256:" + digests.sha256Hex();
        }
        if (sha1.contains(digests.sha1())) {
            return "sha1:" + digests.sha1Hex();
        }
        if (md5.contains(digests.md5())) {
            return "md5:" + digests.md5Hex();
        }
        return null;
    }
}
