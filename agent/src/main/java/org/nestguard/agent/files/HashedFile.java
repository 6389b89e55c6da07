package org.nestguard.agent.files;

import org.nestguard.protocol.files.FileKind;

/** What one pass over a file's bytes gave: its digests and its kind (from the first bytes and the name). */
public record HashedFile(Digests digests, FileKind kind, long bytesRead) {
}
