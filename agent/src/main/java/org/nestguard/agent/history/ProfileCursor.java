package org.nestguard.agent.history;

/**
 * How far a profile's history has been collected: the id and raw time (in the browser's own time base) of the
 * last visit collected. A reader uses the pair to tell new visits from old ones and to notice when history was
 * cleared (the last visit is gone, or its id now holds another visit).
 */
public record ProfileCursor(long lastVisitId, long lastVisitTime) {
    /** Nothing collected yet. */
    public static final ProfileCursor START = new ProfileCursor(0, 0);
}
