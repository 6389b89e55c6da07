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
}
