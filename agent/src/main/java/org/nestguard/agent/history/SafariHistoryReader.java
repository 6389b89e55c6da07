package org.nestguard.agent.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Safari's {@code History.db}: {@code history_visits} joined to {@code history_items}.
 *
 * <p>Times: {@code visit_time} is a REAL count of seconds since 2001-01-01T00:00:00Z (Cocoa's reference date).
 * {@link RawVisit#time()} keeps its sub-second part; {@link RawVisit#rawTime()} and the cursor hold it as whole
 * microseconds since 2001-01-01 (a cursor needs a {@code long}; a double of this size resolves about 0.1 µs, so
 * nothing the clock recorded is lost).
 *
 * <p>Transitions: Safari records no transition type, only how a visit relates to others. This reader says
 * {@code redirect} when the visit was reached by a redirect ({@code redirect_source} set), {@code other} when
 * Safari synthesized the visit rather than navigating ({@code synthesized = 1}), {@code form} for a non-GET request
 * ({@code http_non_get = 1}, a submitted form) and {@code link} for every other navigation: Safari cannot tell a
 * typed address, a bookmark or a followed link apart, and {@code link} is the type Chromium and Firefox also give a
 * navigation they know nothing more about. A visit whose load failed ({@code load_successful = 0}) is still
 * collected: an attempt to open a page matters for safeguarding whether or not it loaded.
 *
 * <p>Visits synced from the user's other Apple devices through iCloud ({@code origin} not 0) are not collected:
 * they were made on a device the school does not monitor, and reporting them as this device's would be wrong.
 *
 * <p>Cursor: see {@link ProfileCursor}. Visit ids are AUTOINCREMENT, so while the last collected visit is still
 * there with the same time, new visits are those with a larger id (this also catches a visit inserted late with an
 * earlier time, which comes in the order Safari recorded it). When that visit has gone, or its id holds a visit with another time (the database was deleted
 * and recreated), the read is {@link HistoryRead#cleared() cleared} and continues by time: only visits later than
 * the last collected one are returned, so nothing collected before is collected again.
 */
public final class SafariHistoryReader implements HistoryReader {
    /** 2001-01-01T00:00:00Z in seconds since 1970-01-01T00:00:00Z. */
    public static final long COCOA_EPOCH_SECOND = 978_307_200L;

    private static final List<String> REQUIRED_VISIT_COLUMNS = List.of("id", "history_item", "visit_time");
    private static final List<String> REQUIRED_ITEM_COLUMNS = List.of("id", "url");

    @Override
    public HistoryRead readAfter(Connection copy, ProfileCursor from) throws HistoryFormatException {
        List<RawVisit> visits = new ArrayList<>();
        StreamedRead read = stream(copy, from, visits::add);
        return new HistoryRead(visits, read.next(), read.cleared());
    }

    /**
     * Hands each row to {@code sink} as it is read: a year of a heavy user's history does not fit the agent's heap
     * as a list. Rows come in id order, the order Safari recorded them, so the cursor after any visit (the last
     * one of a read the sink stopped part way) is exactly "everything up to this id", and SQLite sorts nothing.
     */
    @Override
    public StreamedRead stream(Connection copy, ProfileCursor from, VisitSink sink) throws HistoryFormatException {
        try {
            Set<String> visitColumns = requireSchema(copy);
            String select = select(visitColumns);
            boolean byTime;
            boolean cleared;
            String sql;
            Object parameter;
            if (from.equals(ProfileCursor.START)) {
                byTime = false;
                cleared = false;
                sql = select + " ORDER BY v.id";
                parameter = null;
            } else {
                // A cursor without an id (left by a clearing that had nothing new after it) continues by time.
                byTime = from.lastVisitId() == 0 || !stillThere(copy, from);
                cleared = from.lastVisitId() != 0 && byTime;
                // By time: a coarse bound in SQL (a millisecond early, so floating-point rounding cannot skip a
                // visit); the exact comparison is made below on the same microsecond value the cursor holds.
                sql = select + (byTime ? " AND v.visit_time >= ?" : " AND v.id > ?") + " ORDER BY v.id";
                parameter = byTime ? (Object) (from.lastVisitTime() / 1e6 - 0.001) : (Object) from.lastVisitId();
            }
            sink.begin(cleared);
            RawVisit last = null;
            ColumnText text = ColumnText.of(copy);
            try (PreparedStatement statement = copy.prepareStatement(sql)) {
                if (parameter != null) {
                    statement.setObject(1, parameter);
                }
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        RawVisit visit = visit(row, text);
                        if (byTime && visit.rawTime() <= from.lastVisitTime()) {
                            continue;
                        }
                        if (!sink.take(visit)) {
                            ProfileCursor next = last != null ? new ProfileCursor(last.id(), last.rawTime())
                                    : cleared ? ProfileCursor.timeOnly(from.lastVisitTime()) : from;
                            return new StreamedRead(next, cleared, true);
                        }
                        last = visit;
                    }
                }
            }
            return new StreamedRead(next(last, from, cleared), cleared, false);
        } catch (SQLException e) {
            throw new HistoryFormatException("could not read Safari history: " + e.getMessage()
                    + "; the copied History.db may be corrupt or not a Safari database", e);
        }
    }

    /** A Safari {@code visit_time} as an instant, keeping its fraction of a second. */
    public static Instant instantOf(double cocoaSeconds) {
        long whole = (long) Math.floor(cocoaSeconds);
        long nanos = Math.round((cocoaSeconds - whole) * 1e9);
        return Instant.ofEpochSecond(COCOA_EPOCH_SECOND + whole, nanos);
    }

    /** A Safari {@code visit_time} as the cursor holds it: whole microseconds since 2001-01-01T00:00:00Z. */
    public static long rawTimeOf(double cocoaSeconds) {
        return Math.round(cocoaSeconds * 1e6);
    }

    /** After a complete read: its last visit, the one with the highest id (ids, not times, say what is new). */
    private static ProfileCursor next(RawVisit last, ProfileCursor from, boolean cleared) {
        if (last != null) {
            return new ProfileCursor(last.id(), last.rawTime());
        }
        if (cleared) {
            // The visit the old cursor names is gone: keep its time but no id, so the next read continues by
            // time instead of reporting the same clearing again.
            return ProfileCursor.timeOnly(from.lastVisitTime());
        }
        return from;
    }

    /** Whether the cursor's visit is still in the database with the time it had when collected. */
    private static boolean stillThere(Connection copy, ProfileCursor from) throws SQLException {
        try (PreparedStatement statement = copy.prepareStatement(
                "SELECT visit_time FROM history_visits WHERE id = ?")) {
            statement.setLong(1, from.lastVisitId());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && rawTimeOf(row.getDouble(1)) == from.lastVisitTime();
            }
        }
    }

    private static String select(Set<String> visitColumns) {
        return "SELECT v.id, v.visit_time, i.url, "
                + column(visitColumns, "title", "NULL") + ", "
                + column(visitColumns, "redirect_source", "NULL") + ", "
                + column(visitColumns, "synthesized", "0") + ", "
                + column(visitColumns, "http_non_get", "0")
                // Safari deletes an item's visits with the item (ON DELETE CASCADE), so the inner join loses none.
                + " FROM history_visits v JOIN history_items i ON i.id = v.history_item WHERE "
                // unary + keeps SQLite off the (origin, generation) index, so "id > ?" walks the primary key from the
                // cursor instead of scanning every local visit
                + (visitColumns.contains("origin") ? "+v.origin = 0" : "1 = 1");
    }

    /** Columns added in later Safari versions are read when present, else their default. */
    private static String column(Set<String> columns, String name, String absent) {
        return columns.contains(name) ? "v." + name : absent;
    }

    private static RawVisit visit(ResultSet row, ColumnText text) throws SQLException {
        double time = row.getDouble(2);
        String title = text.text(row, 4, TextCut.MAX_TEXT_CHARS);
        row.getLong(5);
        boolean redirected = !row.wasNull();
        String transition = row.getInt(6) != 0 ? "other"
                : redirected ? "redirect"
                : row.getInt(7) != 0 ? "form"
                : "link";
        String url = text.text(row, 3, TextCut.MAX_URL_CHARS);
        return new RawVisit(row.getLong(1), rawTimeOf(time), instantOf(time), url, title == null ? "" : title,
                transition, null);
    }

    /** Checks the two tables and their essential columns; returns the columns {@code history_visits} has. */
    private static Set<String> requireSchema(Connection copy) throws SQLException, HistoryFormatException {
        Set<String> tables = new TreeSet<>();
        try (Statement statement = copy.createStatement();
             ResultSet row = statement.executeQuery("SELECT name FROM pragma_table_list"
                     + " WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
            while (row.next()) {
                tables.add(row.getString(1));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String table : List.of("history_items", "history_visits")) {
            if (!tables.contains(table)) {
                missing.add("table " + table);
            }
        }
        if (!missing.isEmpty()) {
            throw new HistoryFormatException("not a Safari History.db: missing " + String.join(", ", missing)
                    + "; found " + (tables.isEmpty() ? "no tables (an empty or new file)" : "tables " + tables));
        }
        // stored columns only, as for the other browsers: the file is the monitored account's to replace
        Set<String> visitColumns = RequiredSchema.columnsOf(copy, "history_visits");
        Set<String> itemColumns = RequiredSchema.columnsOf(copy, "history_items");
        for (String column : REQUIRED_VISIT_COLUMNS) {
            if (!visitColumns.contains(column)) {
                missing.add("history_visits." + column);
            }
        }
        for (String column : REQUIRED_ITEM_COLUMNS) {
            if (!itemColumns.contains(column)) {
                missing.add("history_items." + column);
            }
        }
        if (!missing.isEmpty()) {
            throw new HistoryFormatException("not a Safari History.db: missing columns " + String.join(", ", missing)
                    + "; history_visits has " + visitColumns + ", history_items has " + itemColumns);
        }
        return visitColumns;
    }
}
