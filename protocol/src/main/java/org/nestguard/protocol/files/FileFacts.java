package org.nestguard.protocol.files;

import java.time.Instant;
import java.util.Objects;
import org.nestguard.protocol.monitoring.AccountKind;

/**
 * A file's metadata, read before anything is done to it: never its content.
 *
 * @param path     absolute path on the device
 * @param account  the local account whose folder it is in (or the volume's label for removable media)
 * @param owner    the file's owner as the file system reports it
 * @param created  creation time where the file system keeps one, else null
 * @param sha256   lower-case hex; sha1 and md5 likewise (hash lists come in all three)
 * @param accountKind learner or staff by the policy's learner rule on the device, which alone knows the
 *                 account's groups; it routes the flag (a staff member's file goes to leadership). Null from an
 *                 agent older than this field
 */
public record FileFacts(String path, String account, String owner, long size, Instant modified, Instant created,
                        FileKind kind, String sha256, String sha1, String md5,
                        AccountKind accountKind) {
    public FileFacts {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
    }
}
