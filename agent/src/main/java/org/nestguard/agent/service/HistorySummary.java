package org.nestguard.agent.service;

import java.time.Instant;

/**
 * What one history collection did, for the log and the service's schedule.
 *
 * @param profiles  profiles read
 * @param visits    new visits collected
 * @param flagged   visits flagged
 * @param uploaded  visits recorded for upload (all history policies only)
 * @param notices   cleared / removed / unreadable notices recorded
 * @param failures  profiles that could not be read this time
 * @param more      whether some profile has more visits waiting: collect again at once
 */
public record HistorySummary(Instant started, Instant finished, int profiles, int visits, int flagged, int uploaded,
                             int notices, int failures, boolean more) {
}
