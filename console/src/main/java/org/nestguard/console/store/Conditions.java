package org.nestguard.console.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A WHERE clause built from optional filters, with the values of its placeholders in order. */
final class Conditions {
    private final List<String> parts = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** Adds a condition; its {@code ?} take these values (String, Long, Integer or Instant as epoch ms). */
    Conditions and(String condition, Object... placeholderValues) {
        parts.add(condition);
        values.addAll(Arrays.asList(placeholderValues));
        return this;
    }

    /** " WHERE a AND b", or "" with no conditions. */
    String where() {
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    /** Binds the values from parameter index {@code first}; returns the next free index. */
    int bind(PreparedStatement statement, int first) throws SQLException {
        int i = first;
        for (Object value : values) {
            if (value instanceof String text) {
                statement.setString(i++, text);
            } else if (value instanceof Long number) {
                statement.setLong(i++, number);
            } else if (value instanceof Integer number) {
                statement.setInt(i++, number);
            } else if (value instanceof Instant time) {
                statement.setLong(i++, time.toEpochMilli());
            } else {
                throw new IllegalArgumentException("Cannot bind " + value + " to a SQL parameter");
            }
        }
        return i;
    }
}
