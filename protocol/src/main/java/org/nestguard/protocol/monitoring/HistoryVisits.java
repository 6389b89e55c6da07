package org.nestguard.protocol.monitoring;

import java.util.List;

/**
 * Event {@value #TYPE}: a batch of visits sent when the policy uploads all history. Flagged visits also travel
 * as {@link FlagRaised} events; a batch holds at most {@value #MAX_VISITS} visits so one event stays small.
 */
public record HistoryVisits(List<Visit> visits) {
    public static final String TYPE = "history-visits";
    public static final int MAX_VISITS = 500;

    public HistoryVisits {
        visits = List.copyOf(visits);
        if (visits.isEmpty() || visits.size() > MAX_VISITS) {
            throw new IllegalArgumentException("a history batch holds 1 to " + MAX_VISITS + " visits, not "
                    + visits.size());
        }
    }
}
