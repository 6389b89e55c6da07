package org.nestguard.console.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/** A SQL {@code IN (?, ?, ...)} list: its placeholders, and the values bound to them in order. */
final class InList {
    private InList() {
    }

    /** n placeholders separated by commas (n at least 1). */
    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Binds the values from parameter index {@code first}; returns the next free index. */
    static int bind(PreparedStatement statement, int first, Collection<String> values) throws SQLException {
        int i = first;
        for (String value : values) {
            statement.setString(i++, value);
        }
        return i;
    }
}
