package org.nestguard.agent.classify.importer;

import java.nio.file.Path;

/**
 * A line an import could not use, where it is and what was expected instead.
 *
 * @param file   the file
 * @param line   its line number, from 1
 * @param reason what was wrong and what a good line looks like
 */
public record SkippedLine(Path file, int line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
