package org.nestguard.protocol.files;

import java.util.List;
import java.util.Objects;

/**
 * Event {@value #TYPE}: a file matched one or more rules. Never dropped by the outbox.
 *
 * @param flagId  random, so the console stores it once
 * @param facts   the file's metadata as found
 * @param matches every rule that matched
 * @param itemId  the quarantine item it became when isolated at once, else null
 */
public record FileFlagged(String flagId, FileFacts facts, List<FileRuleMatch> matches, String itemId) {
    public static final String TYPE = "file-flag";

    public FileFlagged {
        Objects.requireNonNull(flagId, "flagId");
        Objects.requireNonNull(facts, "facts");
        matches = List.copyOf(matches);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("a file flag needs at least one matching rule");
        }
    }
}
