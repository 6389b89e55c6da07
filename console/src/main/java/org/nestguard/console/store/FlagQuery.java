package org.nestguard.console.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.protocol.monitoring.Severity;

/**
 * What the flag queue is asked for; null means any.
 *
 * @param from   flagged visits at or after this time
 * @param to     flagged visits before this time
 * @param before the {@code next} of the previous page
 */
public record FlagQuery(FlagState state, Severity severity, String category, String deviceId, String account,
                        Instant from, Instant to, int limit, String before) {
    public FlagQuery {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " is not before to " + to + "; give a from "
                    + "earlier than to");
        }
    }

    /** A query over any time. */
    public FlagQuery(FlagState state, Severity severity, String category, String deviceId, String account,
                     int limit, String before) {
        this(state, severity, category, deviceId, account, null, null, limit, before);
    }

    /** The filters for the audit log: names and values, no content of any flag. */
    String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("state=" + (state == null ? "any" : state.id()));
        if (severity != null) {
            parts.add("severity=" + FlagSummary.severityId(severity));
        }
        if (category != null) {
            parts.add("category=" + category);
        }
        if (deviceId != null) {
            parts.add("device=" + deviceId);
        }
        if (account != null) {
            parts.add("account=" + account);
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
