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
 * <p>A history file belongs to the account being monitored, who can replace it. Only stored values are read: a view,
 * a virtual table or a column computed on read (generated {@code VIRTUAL}) in place of a table or column would run
 * the file's own SQL inside the agent (a view can be a recursive query with no end), and no browser writes them. Such a table or
 * column counts as missing, and the message says why.
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
                    String kind = kindOf(db, table.getKey());
                    missing.add("table " + table.getKey() + (kind == null ? ""
                            : " (" + table.getKey() + " is a " + kind + ", which no browser writes)"));
                    continue;
                }
                present.put(table.getKey(), columns);
                for (String column : table.getValue()) {
                    if (!columns.contains(column.toLowerCase(Locale.ROOT))) {
                        missing.add("column " + table.getKey() + "." + column
                                + (computedOnRead(db, table.getKey(), column)
                                ? " (it is computed on read, which no browser writes)" : ""));
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

    /**
     * The lower-case names of a table's stored columns, empty when there is no such table. A view, and a column
     * computed on read, are left out: reading them would run the file's own SQL.
     */
    public static Set<String> columnsOf(Connection db, String table) throws SQLException {
        Set<String> columns = new TreeSet<>();
        // The name is a bound value, so no table name is ever spliced into SQL. table_list says what each name is
        // from the parsed schema ('virtual' for a module's table even if its sqlite_master row was edited to look
        // stored). In table_xinfo, hidden 2 is a VIRTUAL generated column (computed on read), 3 a STORED one
        // (computed when written: a stored value).
        try (PreparedStatement query = db.prepareStatement("SELECT c.name FROM pragma_table_list t,"
                + " pragma_table_xinfo(t.name) c WHERE t.schema = 'main' AND t.type = 'table'"
                + " AND t.name = ? COLLATE NOCASE AND c.hidden IN (0, 3)")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }

    /** What {@code name} is when it is not a stored table (view, virtual table, index, trigger), or null. */
    private static String kindOf(Connection db, String name) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT CASE type WHEN 'virtual' THEN 'virtual table'"
                + " WHEN 'shadow' THEN 'module''s shadow table' ELSE type END FROM pragma_table_list"
                + " WHERE schema = 'main' AND name = ? COLLATE NOCASE AND type <> 'table'")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static boolean computedOnRead(Connection db, String table, String column) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT 1 FROM pragma_table_list t,"
                + " pragma_table_xinfo(t.name) c WHERE t.schema = 'main' AND t.type = 'table'"
                + " AND t.name = ? COLLATE NOCASE AND c.name = ? COLLATE NOCASE AND c.hidden = 2")) {
            query.setString(1, table);
            query.setString(2, column);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static int tableCount(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
