package org.nestguard.agent.history;

import java.sql.Connection;

/** Reads one history format from a consistent copy of its database: one implementation per {@link HistoryFormat}. */
public interface HistoryReader {
    /**
     * The visits after {@code from}, oldest first.
     *
     * @param copy a read-only connection to the copied database
     * @throws HistoryFormatException when the database is not this format (missing tables or columns), with a
     *                                message that says what was expected and found
     */
    HistoryRead readAfter(Connection copy, ProfileCursor from) throws HistoryFormatException;

    /**
     * The same visits as {@link #readAfter}, handed to {@code sink} one at a time until it leaves one or none are
     * left. Readers that can override this to hold one row at a time; this default reads the list first.
     *
     * @throws HistoryFormatException as {@link #readAfter}
     */
    default StreamedRead stream(Connection copy, ProfileCursor from, VisitSink sink) throws HistoryFormatException {
        HistoryRead read = readAfter(copy, from);
        sink.begin(read.cleared());
        RawVisit last = null;
        for (RawVisit visit : read.visits()) {
            if (!sink.take(visit)) {
                ProfileCursor next = last != null ? new ProfileCursor(last.id(), last.rawTime())
                        : read.cleared() ? ProfileCursor.timeOnly(from.lastVisitTime()) : from;
                return new StreamedRead(next, read.cleared(), true);
            }
            last = visit;
        }
        return new StreamedRead(read.next(), read.cleared(), read.more());
    }
}
