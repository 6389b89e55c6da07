package org.nestguard.agent.history;

/**
 * The heap one batch of collected visits may take, and how much of it is used. Sizes are estimates of a
 * {@link org.nestguard.protocol.monitoring.Visit} with its strings, on the high side (two bytes a character, as
 * for text outside Latin-1), so one very long URL counts for what it holds and many ordinary visits for theirs.
 * The first visit of a batch always fits, so every batch moves the cursors on.
 */
final class BatchRoom {
    /** A visit's objects besides its text: the record, its time, three strings' headers and a list slot. */
    static final long VISIT_BYTES = 200;

    private final long limit;
    private long used;
    private boolean full;

    BatchRoom(long limit) {
        this.limit = limit;
    }

    /** The estimated heap of a visit with these strings ({@code terms} may be null). */
    static long sizeOf(String url, String title, String terms) {
        return VISIT_BYTES + 2L * (url.length() + title.length() + (terms == null ? 0 : terms.length()));
    }

    /**
     * Whether a profile's visits of {@code bytes} in all, the one being considered included, fit in what is left.
     * The first visit of an empty batch always does; once one does not, the batch is {@link #full()}.
     */
    boolean fits(long bytes, boolean profileHasVisits) {
        if (used == 0 && !profileHasVisits) {
            return true;
        }
        if (used + bytes > limit) {
            full = true;
        }
        return !full;
    }

    /** Counts a profile's visits, once its read is over. */
    void use(long bytes) {
        used += bytes;
    }

    /** Whether a visit was refused for want of room, or none is left: further profiles wait for the next batch. */
    boolean full() {
        return full || used >= limit;
    }
}
