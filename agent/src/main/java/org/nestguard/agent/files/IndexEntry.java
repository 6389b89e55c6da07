package org.nestguard.agent.files;

import java.util.Arrays;
import java.util.Objects;
import org.nestguard.protocol.files.FileKind;

/**
 * What the index remembers of one file: enough to tell, from its attributes alone, that it has not changed.
 *
 * @param modifiedNanos  last modification time in nanoseconds since the epoch
 * @param fileKey        the file system's identity for the file (device and inode on Linux) where it has one, else
 *                       null: a file replaced by another of the same size and time is still noticed
 * @param flaggedSha256  the content last flagged at this path, so a rescan does not flag it again; null if never
 */
public record IndexEntry(String path, long size, long modifiedNanos, String fileKey, FileKind kind, Digests digests,
                         byte[] flaggedSha256) {
    public IndexEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(digests, "digests");
    }

    /** Whether these attributes are those this entry was hashed with. */
    public boolean unchanged(long size, long modifiedNanos, String fileKey) {
        return this.size == size && this.modifiedNanos == modifiedNanos && Objects.equals(this.fileKey, fileKey);
    }

    /** Whether the current content was already flagged. */
    public boolean alreadyFlagged() {
        return flaggedSha256 != null && Arrays.equals(flaggedSha256, digests.sha256());
    }

    public IndexEntry flagged() {
        return new IndexEntry(path, size, modifiedNanos, fileKey, kind, digests, digests.sha256());
    }
}
