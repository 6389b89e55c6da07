package org.nestguard.agent.files;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a file once and gives its digests and kind; the index calls it only for new or changed files. */
@FunctionalInterface
public interface FileHasher {
    HashedFile hash(Path file, DigestSet digests) throws IOException;
}
