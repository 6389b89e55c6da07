package org.nestguard.agent.quarantine;

import java.time.Instant;

/**
 * What a release puts back besides the bytes: the file's times, owner and mode as they were before isolation.
 *
 * @param owner       the owning account as the file system names it; null where it could not be read
 * @param group       the POSIX group; null off POSIX
 * @param permissions POSIX permissions such as {@code rw-r--r--}; null off POSIX
 * @param created     creation time where the file system keeps one, else null
 */
public record OriginalAttributes(String owner, String group, String permissions, Instant modified,
                                 Instant accessed, Instant created) {
}
