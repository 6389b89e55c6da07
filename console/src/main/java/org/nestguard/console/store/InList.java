package org.nestguard.console.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** A SQL {@code IN (?, ?, ...)} list: its placeholders, and the values bound to them in order. */
final class InList {
    private static final int SLICE = 500;

    private InList() {
    }

    /** n placeholders separated by commas (n at least 1). */
    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * The distinct values in slices of at most {@value #SLICE}, for a list too long for one statement: well under
     * the bound on a statement's parameters (SQLite's can be as low as 999).
     */
    static List<List<String>> slices(Collection<String> values) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(values));
        List<List<String>> slices = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += SLICE) {
            slices.add(distinct.subList(from, Math.min(distinct.size(), from + SLICE)));
        }
        return slices;
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
