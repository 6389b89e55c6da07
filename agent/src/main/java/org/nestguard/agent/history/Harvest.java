package org.nestguard.agent.history;

import java.util.List;
import org.nestguard.protocol.monitoring.HistoryNotice;

/**
 * What one {@link HistoryCollector#collect()} found. Record the visits and notices durably, then hand the harvest
 * to {@link HistoryCollector#commit(Harvest)}; until then the same visits are read again.
 *
 * @param profiles every profile read, with its new visits (possibly none)
 * @param notices  events to record: history cleared, a profile removed, a profile newly unreadable or unreadable
 *                 for a new reason (each reported once until it is read again)
 * @param failures every profile that could not be read this time, reported before or not, as UNREADABLE notices
 * @param more     whether visits are waiting beyond this harvest (a profile's read stopped at the batch's room or
 *                 its reader's limit): commit and collect again at once
 * @param next     what the cursors hold once this harvest is committed
 */
public record Harvest(List<ProfileHarvest> profiles, List<HistoryNotice> notices, List<HistoryNotice> failures,
                      boolean more, List<TrackedProfile> next) {
    public Harvest {
        profiles = List.copyOf(profiles);
        notices = List.copyOf(notices);
        failures = List.copyOf(failures);
        next = List.copyOf(next);
    }

    /** The number of visits across all profiles. */
    public int visitCount() {
        return profiles.stream().mapToInt(p -> p.visits().size()).sum();
    }
}
