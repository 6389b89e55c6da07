package org.nestguard.agent.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code History} database of Chrome, Edge, Brave and Chromium: {@code visits} joined to {@code urls},
 * with the query Chromium itself recorded in {@code keyword_search_terms}. Visits that sync brought from the
 * account's other devices are left out: they did not happen on this device.
 */
public final class ChromiumHistoryReader implements HistoryReader {
    /** Microseconds from 1601-01-01 (Chromium's base, Windows FILETIME's) to 1970-01-01. */
    public static final long EPOCH_OFFSET_MICROS = 11_644_473_600_000_000L;
    /**
     * Visits per {@link #readAfter} unless the constructor says otherwise: a list small enough for a 24 MB heap.
     * A {@link #stream} holds one visit at a time and is bounded by its sink (the collector's batch) instead.
     */
    public static final int DEFAULT_LIMIT = 1000;

    static final RequiredSchema SCHEMA = new RequiredSchema("a Chromium History database", Map.of(
            "urls", List.of("id", "url", "title"),
            "visits", List.of("id", "url", "visit_time", "transition")));

    // ui::PageTransition (ui/base/page_transition_types.h): the core type is the low byte; these qualifiers say
    // the visit was the target of a redirect.
    private static final long CLIENT_REDIRECT = 0x40000000L;
    private static final long SERVER_REDIRECT = 0x80000000L;
    private static final String[] CORE_TYPES = {
        "link",      // 0 LINK
        "typed",     // 1 TYPED
        "bookmark",  // 2 AUTO_BOOKMARK
        "embedded",  // 3 AUTO_SUBFRAME
        "embedded",  // 4 MANUAL_SUBFRAME
        "generated", // 5 GENERATED: chosen from the omnibox's suggestions, a search for example
        "other",     // 6 AUTO_TOPLEVEL: opened by the browser itself (start page, command line)
        "form",      // 7 FORM_SUBMIT
        "reload",    // 8 RELOAD
        "generated", // 9 KEYWORD: a search through a keyword other than the default engine
        "generated", // 10 KEYWORD_GENERATED
    };

    private final int limit;
    private final int streamLimit;

    /** Reads of at most {@link #DEFAULT_LIMIT} visits; streams as long as their sink takes visits. */
    public ChromiumHistoryReader() {
        this(DEFAULT_LIMIT, Integer.MAX_VALUE);
    }

    /** @param limit the most visits one read returns or streams; the cursor stops at the last of them */
    public ChromiumHistoryReader(int limit) {
        this(limit, limit);
    }

    private ChromiumHistoryReader(int limit, int streamLimit) {
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

    /**
     * The query this reader runs on {@code copy} for a first read (nothing collected yet), its parameters written in
     * and no row limit: for timing the same query with the {@code sqlite3} command.
     */
    public static String firstReadSql(Connection copy) throws HistoryFormatException, SQLException {
        return query(copy, SCHEMA.verify(copy)).byIdSql().replaceFirst("\\?", "0").replaceFirst("\\?", "-1");
    }

    private static CursorRead query(Connection copy, Map<String, Set<String>> schema) throws SQLException {
        boolean terms = RequiredSchema.columnsOf(copy, "keyword_search_terms").containsAll(Set.of("url_id", "term"));
        boolean sources = RequiredSchema.columnsOf(copy, "visit_source").containsAll(Set.of("id", "source"));
        boolean originator = schema.get("visits").contains("originator_cache_guid");
        String select = "SELECT v.id, v.visit_time, v.transition, u.url, u.title, "
                + (terms ? "(SELECT k.term FROM keyword_search_terms k WHERE k.url_id = u.id LIMIT 1)" : "NULL")
                + " FROM visits v JOIN urls u ON u.id = v.url"
                + (sources ? " LEFT JOIN visit_source s ON s.id = v.id" : "")
                + " WHERE v.visit_time > 0"
                // visit_source 0 is SOURCE_SYNCED; a non-empty originator_cache_guid names the device a visit came from
                + (sources ? " AND (s.source IS NULL OR s.source <> 0)" : "")
                + (originator ? " AND (v.originator_cache_guid IS NULL OR v.originator_cache_guid = '')" : "");
        ColumnText text = ColumnText.of(copy);
        return new CursorRead(
                "SELECT visit_time FROM visits WHERE id = ?",
                select + " AND v.id > ? ORDER BY v.id LIMIT ?",
                select + " AND v.visit_time > ? ORDER BY v.id LIMIT ?",
                row -> {
                    long raw = row.getLong(2);
                    String title = text.text(row, 5, TextCut.MAX_TEXT_CHARS);
                    return new RawVisit(row.getLong(1), raw, toInstant(raw), text.text(row, 4, TextCut.MAX_URL_CHARS),
                            title == null ? "" : title, transitionOf(row.getLong(3)),
                            text.text(row, 6, TextCut.MAX_TEXT_CHARS));
                });
    }

    /** Chromium's time (microseconds since 1601-01-01 UTC) as an instant, exact to the microsecond. */
    public static Instant toInstant(long chromiumMicros) {
        long micros = chromiumMicros - EPOCH_OFFSET_MICROS;
        // Seconds and nanoseconds directly: once per visit, where Instant.plus(amount, unit) makes several objects.
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** An instant in Chromium's time base; below a microsecond is dropped, as Chromium stores it. */
    public static long fromInstant(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000)
                + EPOCH_OFFSET_MICROS;
    }

    /** A {@code visits.transition} value as link, typed, bookmark, ... or redirect when a redirect led there. */
    public static String transitionOf(long transition) {
        long bits = transition & 0xFFFFFFFFL;
        if ((bits & (CLIENT_REDIRECT | SERVER_REDIRECT)) != 0) {
            return "redirect";
        }
        int core = (int) (bits & 0xFF);
        return core < CORE_TYPES.length ? CORE_TYPES[core] : "other";
    }
}
