package org.nestguard.agent.history;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one rule discovery applies to a history database it finds: a regular file, never a symbolic link. */
final class HistoryFiles {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryFiles.class);

    private HistoryFiles() {
    }

    /**
     * Whether {@code file} is a history database to collect. A symbolic link is refused with a warning: browsers do
     * not make them, and the agent (running as SYSTEM or root) must not be pointed by a user at someone else's file.
     */
    static boolean isDatabase(Path file) {
        if (Files.isSymbolicLink(file)) {
            LOG.warn("Skipping {}: it is a symbolic link, not the browser's own database", file);
            return false;
        }
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }
}
