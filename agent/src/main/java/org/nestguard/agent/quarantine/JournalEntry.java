package org.nestguard.agent.quarantine;

import java.time.Instant;
import java.util.Objects;

/**
 * An isolation or release in progress, written (fsync'd) before the first change so that {@link Vault#recover()}
 * can finish or undo it after a crash.
 *
 * @param path      the file's own path on the device
 * @param sideFile  the temporary file beside it: the note being written (isolate) or the plain file being restored
 *                  (release); never left behind
 * @param target    where a release puts the file: {@code path}, or a clearly named file beside it when the path
 *                  has been taken; null for isolation
 * @param sha256    the file's SHA-256 taken before the move
 */
public record JournalEntry(String itemId, Operation operation, String path, String sideFile, String target,
                           String sha256, String commandId, Instant startedAt) {
    public JournalEntry {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sideFile, "sideFile");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** What was in progress. */
    public enum Operation { ISOLATE, RELEASE }
}
