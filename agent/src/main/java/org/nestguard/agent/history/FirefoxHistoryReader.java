package org.nestguard.agent.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Firefox's {@code places.sqlite}: {@code moz_historyvisits} joined to {@code moz_places}. Visits that Firefox
 * Sync brought from the account's other devices ({@code source} 4) are left out: they did not happen on this device.
 * Firefox's visit ids are not AUTOINCREMENT, so it reuses ids after a clear; {@link CursorRead} allows for that.
 */
public final class FirefoxHistoryReader implements HistoryReader {
    /** Visits per read unless the constructor says otherwise. */
    public static final int DEFAULT_LIMIT = ChromiumHistoryReader.DEFAULT_LIMIT;

    static final RequiredSchema SCHEMA = new RequiredSchema("a Firefox places.sqlite database", Map.of(
            "moz_places", List.of("id", "url", "title"),
            "moz_historyvisits", List.of("id", "place_id", "visit_date", "visit_type")));

    // nsINavHistoryService TRANSITION_* (toolkit/components/places/nsINavHistoryService.idl), 1 to 9.
    private static final String[] VISIT_TYPES = {
        "other",    // 0: not a Firefox visit type
        "link",     // 1 LINK
        "typed",    // 2 TYPED
        "bookmark", // 3 BOOKMARK
        "embedded", // 4 EMBED
        "redirect", // 5 REDIRECT_PERMANENT
        "redirect", // 6 REDIRECT_TEMPORARY
        "other",    // 7 DOWNLOAD
        "embedded", // 8 FRAMED_LINK
        "reload",   // 9 RELOAD
    };
    private static final int SOURCE_SYNCED = 4; // mozIStorageVisit source: VISIT_SOURCE_SYNCED

    private final int limit;
    private final int streamLimit;

    /** Reads of at most {@link #DEFAULT_LIMIT} visits; streams as long as their sink takes visits. */
    public FirefoxHistoryReader() {
        this(DEFAULT_LIMIT, Integer.MAX_VALUE);
    }

    /** @param limit the most visits one read returns or streams; the cursor stops at the last of them */
    public FirefoxHistoryReader(int limit) {
        this(limit, limit);
    }

    private FirefoxHistoryReader(int limit, int streamLimit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a read must be allowed at least one visit, not " + limit);
        }
        this.limit = limit;
        this.streamLimit = streamLimit;
    }

    @Override
    public HistoryRead readAfter(Connection copy, ProfileCursor from) throws HistoryFormatException {
        Map<String, Set<String>> schema = SCHEMA.verify(copy);
        try {
            return query(copy, schema).after(copy, from, limit);
        } catch (SQLException e) {
            throw SqliteProblem.describe(SCHEMA.format(), e);
        }
    }

    @Override
    public StreamedRead stream(Connection copy, ProfileCursor from, VisitSink sink) throws HistoryFormatException {
        Map<String, Set<String>> schema = SCHEMA.verify(copy);
        try {
            return query(copy, schema).stream(copy, from, streamLimit, sink);
        } catch (SQLException e) {
            throw SqliteProblem.describe(SCHEMA.format(), e);
        }
    }

    private static CursorRead query(Connection copy, Map<String, Set<String>> schema) throws SQLException {
        boolean sources = schema.get("moz_historyvisits").contains("source");
        String select = "SELECT v.id, v.visit_date, v.visit_type, p.url, p.title"
                + " FROM moz_historyvisits v JOIN moz_places p ON p.id = v.place_id"
                + " WHERE v.visit_date > 0" + (sources ? " AND v.source <> " + SOURCE_SYNCED : "");
        ColumnText text = ColumnText.of(copy);
        return new CursorRead(
                "SELECT visit_date FROM moz_historyvisits WHERE id = ?",
                select + " AND v.id > ? ORDER BY v.id LIMIT ?",
                select + " AND v.visit_date > ? ORDER BY v.id LIMIT ?",
                row -> {
                    long raw = row.getLong(2);
                    String title = text.text(row, 5, TextCut.MAX_TEXT_CHARS);
                    return new RawVisit(row.getLong(1), raw, toInstant(raw), text.text(row, 4, TextCut.MAX_URL_CHARS),
                            title == null ? "" : title, transitionOf(row.getInt(3)), null);
                });
    }

    /** Firefox's PRTime (microseconds since 1970-01-01 UTC) as an instant, exact to the microsecond. */
    public static Instant toInstant(long prTime) {
        // Seconds and nanoseconds directly: once per visit, where Instant.plus(amount, unit) makes several objects.
        return Instant.ofEpochSecond(Math.floorDiv(prTime, 1_000_000L), Math.floorMod(prTime, 1_000_000L) * 1000L);
    }

    /** An instant as PRTime; below a microsecond is dropped, as Firefox stores it. */
    public static long fromInstant(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
    }

    /** A {@code moz_historyvisits.visit_type} as link, typed, bookmark, embedded, redirect, reload or other. */
    public static String transitionOf(int visitType) {
        return visitType >= 0 && visitType < VISIT_TYPES.length ? VISIT_TYPES[visitType] : "other";
    }
}
