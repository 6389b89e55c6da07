package org.nestguard.protocol.files;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Event {@value #TYPE}: images or documents were written to a removable volume where the policy forbids taking
 * children's names or images out of the setting (004). Reported to the manager with file names, counts and the
 * volume's identity, never the content.
 *
 * @param names       file names (not paths outside the volume), at most {@value #MAX_NAMES}
 * @param namesOmitted how many more names there were
 */
public record RemovableWrite(Volume volume, int images, int videos, int documents, long bytes, List<String> names,
                             int namesOmitted, Instant firstWritten, Instant lastWritten) {
    public static final String TYPE = "removable-write";
    public static final int MAX_NAMES = 200;

    public RemovableWrite {
        Objects.requireNonNull(volume, "volume");
        names = List.copyOf(names);
        if (names.size() > MAX_NAMES) {
            throw new IllegalArgumentException("at most " + MAX_NAMES + " names; count the rest in namesOmitted");
        }
    }
}
