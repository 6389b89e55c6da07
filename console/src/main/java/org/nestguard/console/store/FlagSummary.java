package org.nestguard.console.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;

/**
 * A flag as the queue lists it: the flagged visit, how severe, its categories and where its review stands.
 *
 * @param receivedAt when the console received it; the visit's own time is {@code visit.time}
 * @param reasons    every rule that matched: which list or phrase matched what
 */
public record FlagSummary(String id, String deviceId, String hostname, String settingId, Severity severity,
                          List<String> categories, FlagState state, Instant stateChangedAt, String concernReference,
                          Visit visit, Instant receivedAt, List<Flag> reasons) {
    public FlagSummary {
        categories = List.copyOf(categories);
        reasons = List.copyOf(reasons);
    }

    static String severityId(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }
}
