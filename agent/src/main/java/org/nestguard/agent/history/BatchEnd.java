package org.nestguard.agent.history;

import java.util.List;
import org.nestguard.protocol.monitoring.HistoryNotice;

/**
 * The end of one batch of {@link HistoryCollector#collectAll}: what the batch found besides its visits, which went
 * to the {@link HistoryRecorder} one at a time.
 *
 * @param profiles every profile read in this batch, with new visits or none
 * @param visits   how many visits the batch handed over
 * @param notices  events to record, as in {@link Harvest#notices()}
 * @param failures profiles that could not be read in this batch, as in {@link Harvest#failures()}
 * @param more     whether visits are waiting beyond this batch
 */
public record BatchEnd(List<BrowserProfile> profiles, int visits, List<HistoryNotice> notices,
                       List<HistoryNotice> failures, boolean more) {
    public BatchEnd {
        profiles = List.copyOf(profiles);
        notices = List.copyOf(notices);
        failures = List.copyOf(failures);
    }
}
