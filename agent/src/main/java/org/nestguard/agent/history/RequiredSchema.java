package org.nestguard.agent.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables and columns a reader needs in a history database, checked before any query so that a file of another
 * kind or another browser version fails with a message naming exactly what is missing.
 *
 * @param format what the database should be, for messages ("a Chromium History database")
 * @param tables each needed table with the columns the reader selects from it
 */
public record RequiredSchema(String format, Map<String, List<String>> tables) {
    public RequiredSchema {
        tables = Map.copyOf(tables);
    }

    /**
     * Checks every table and column; the result maps each table to all the columns it has, so a reader can use
     * columns that only some versions have.
     *
     * @throws HistoryFormatException naming every missing table and column, or saying the file holds no tables
     */
    public Map<String, Set<String>> verify(Connection db) throws HistoryFormatException {
        Map<String, Set<String>> present = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        try {
            if (tableCount(db) == 0) {
                throw new HistoryFormatException("the file holds no tables at all (an empty or newly created file), "
                        + "so it is not " + format);
            }
            for (Map.Entry<String, List<String>> table : new java.util.TreeMap<>(tables).entrySet()) {
                Set<String> columns = columnsOf(db, table.getKey());
                if (columns.isEmpty()) {
                    missing.add("table " + table.getKey());
                    continue;
                }
                present.put(table.getKey(), columns);
                for (String column : table.getValue()) {
                    if (!columns.contains(column.toLowerCase(Locale.ROOT))) {
                        missing.add("column " + table.getKey() + "." + column);
                    }
                }
            }
        } catch (SQLException e) {
            throw SqliteProblem.describe(format, e);
        }
        if (!missing.isEmpty()) {
            throw new HistoryFormatException("not " + format + ": it has no " + String.join(", no ", missing));
        }
        return present;
    }

    /** The lower-case column names of a table, empty when there is no such table. */
    public static Set<String> columnsOf(Connection db, String table) throws SQLException {
        Set<String> columns = new TreeSet<>();
        // pragma_table_info takes the name as a bound value, so no table name is ever spliced into SQL.
        try (PreparedStatement query = db.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }

    private static int tableCount(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
