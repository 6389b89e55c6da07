package org.nestguard.agent.files;

import java.time.Instant;
import java.util.List;

/**
 * The payload of a {@code file-scan} event: one full rescan of the watched folders, counted, and every problem
 * (a hash list the policy names that is not imported, a folder refused or unreadable), so none goes unreported.
 *
 * @param hashed  files read and hashed (new or changed); the rest were known to the index unchanged
 * @param removed index entries of files that are gone
 * @param links   symbolic links met in the watched folders and not followed
 */
public record ScanSummary(Instant started, Instant finished, int folders, int files, int hashed, long bytesHashed,
                          int flagged, int removed, int links, int unreadable, List<String> problems) {
    public static final String TYPE = "file-scan";

    public ScanSummary {
        problems = List.copyOf(problems);
    }
}
