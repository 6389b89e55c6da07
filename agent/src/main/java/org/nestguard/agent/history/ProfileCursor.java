package org.nestguard.agent.history;

/**
 * How far a profile's history has been collected: the id and raw time (in the browser's own time base) of the
 * last visit collected. A reader uses the pair to tell new visits from old ones and to notice when history was
 * cleared (the last visit is gone, or its id now holds another visit).
 *
 * <p>An id of 0 means there is no visit to anchor on: from {@link #START} every visit is new; after a clear that
 * left no visits ({@link #timeOnly}) the visits later than {@code lastVisitTime} are new, and no clear is reported
 * again for the visit that already went.
 */
public record ProfileCursor(long lastVisitId, long lastVisitTime) {
    /** Nothing collected yet. */
    public static final ProfileCursor START = new ProfileCursor(0, 0);

    /** No visit to anchor on, but nothing at or before {@code lastVisitTime} is new. */
    public static ProfileCursor timeOnly(long lastVisitTime) {
        return new ProfileCursor(0, lastVisitTime);
    }

    /** Whether the cursor names a collected visit whose presence can be checked. */
    public boolean anchored() {
        return lastVisitId != 0;
    }
}
