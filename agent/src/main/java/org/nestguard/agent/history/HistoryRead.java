package org.nestguard.agent.history;

import java.util.List;

/**
 * What one read of a profile's database found.
 *
 * @param visits  visits after the cursor, oldest first
 * @param next    the cursor after these visits (the old one when there are none)
 * @param cleared whether history the cursor pointed at has gone since the last read
 * @param more    whether the reader stopped at its limit with more visits waiting: read again soon
 */
public record HistoryRead(List<RawVisit> visits, ProfileCursor next, boolean cleared, boolean more) {
    public HistoryRead {
        visits = List.copyOf(visits);
    }

    /** A read that returned everything there was. */
    public HistoryRead(List<RawVisit> visits, ProfileCursor next, boolean cleared) {
        this(visits, next, cleared, false);
    }
}
