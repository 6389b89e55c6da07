package org.nestguard.agent.history;

import java.util.List;

/**
 * What one read of a profile's database found.
 *
 * @param visits  visits after the cursor, oldest first
 * @param next    the cursor after these visits (the old one when there are none)
 * @param cleared whether history the cursor pointed at has gone since the last read
 */
public record HistoryRead(List<RawVisit> visits, ProfileCursor next, boolean cleared) {
    public HistoryRead {
        visits = List.copyOf(visits);
    }
}
