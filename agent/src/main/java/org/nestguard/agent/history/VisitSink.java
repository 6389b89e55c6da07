package org.nestguard.agent.history;

/** Receives the visits of a streamed read one at a time, oldest first, so a read need not hold them all at once. */
@FunctionalInterface
public interface VisitSink {
    /**
     * Called once before the first visit: whether history the read's cursor pointed at has gone since the last
     * read, as the read's {@link StreamedRead#cleared()} will say, but known even if the read fails part way.
     */
    default void begin(boolean cleared) {
    }

    /**
     * @return true when the visit was taken; false to leave it (and every later one) for the next read, which
     *         then ends with more visits waiting
     */
    boolean take(RawVisit visit);
}
