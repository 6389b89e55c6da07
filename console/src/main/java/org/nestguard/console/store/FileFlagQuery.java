package org.nestguard.console.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the file-flag list is asked for; null means any.
 *
 * @param source hash-list, place or request
 * @param from   received at or after
 * @param to     received before
 * @param before the {@code next} of the previous page
 */
public record FileFlagQuery(String deviceId, String account, String source, Instant from, Instant to, int limit,
                            String before) {
    public static final List<String> SOURCES = List.of("hash-list", "place", "request");

    public FileFlagQuery {
        if (source != null && !SOURCES.contains(source)) {
            throw new IllegalArgumentException("source is '" + source + "'; give one of " + String.join(", ",
                    SOURCES));
        }
    }

    /** The filters for the audit log. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (deviceId != null) {
            parts.add("device=" + deviceId);
        }
        if (account != null) {
            parts.add("account=" + account);
        }
        if (source != null) {
            parts.add("source=" + source);
        }
        if (from != null) {
            parts.add("from=" + from);
        }
        if (to != null) {
            parts.add("to=" + to);
        }
        parts.add("limit=" + limit);
        if (before != null) {
            parts.add("before=" + before);
        }
        return String.join("; ", parts);
    }
}
