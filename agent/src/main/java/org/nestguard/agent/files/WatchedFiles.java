package org.nestguard.agent.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nestguard.protocol.files.FileFacts;

/**
 * The files in the folders the policy watches, for every local account: the file scanner implements it from its
 * index; quarantine commands use it so that a DSL's request can reach only a watched file.
 */
public interface WatchedFiles {
    /**
     * The facts of one watched file, hashed now.
     *
     * @throws IllegalArgumentException when {@code path} is relative, has {@code ..}, does not exist, is not a
     *                                  regular file, or resolves (through symlinks) outside every watched folder;
     *                                  the message says which
     */
    FileFacts describe(Path path) throws IOException;

    /** Every watched file whose SHA-256 is {@code sha256} (lower-case hex), as the index last saw it. */
    List<FileFacts> withSha256(String sha256) throws IOException;
}
