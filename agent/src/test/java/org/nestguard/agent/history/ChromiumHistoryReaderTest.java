package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Chromium reader against databases with Chromium 156's own schema. */
class ChromiumHistoryReaderTest {
    private static final Instant T0 = Instant.parse("2023-11-14T22:13:20Z");

    @TempDir
    Path dir;
    FixtureDatabase db;
    final ChromiumHistoryReader reader = new ChromiumHistoryReader();

    @BeforeEach
    void create() {
        db = FixtureDatabase.chromium(dir.resolve("Default/History"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void convertsChromiumTimeExactlyToTheMicrosecond() throws Exception {
        // The research's cross-check vector: 2023-11-14T22:13:20Z is 13344473600000000 in Chromium's base.
        assertEquals(T0, ChromiumHistoryReader.toInstant(13_344_473_600_000_000L));
        assertEquals(13_344_473_600_000_000L, ChromiumHistoryReader.fromInstant(T0));
        assertEquals(Instant.parse("1601-01-01T00:00:00Z"), ChromiumHistoryReader.toInstant(0));
        db.insert("INSERT INTO urls(url, title, last_visit_time) VALUES ('https://a.example/', 'A', 1)");
        db.insert("INSERT INTO visits(url, visit_time, transition) VALUES (1, 13344473600123457, 805306369)");

        RawVisit visit = reader.readAfter(db.connection(), ProfileCursor.START).visits().get(0);

        assertEquals(Instant.parse("2023-11-14T22:13:20.123457Z"), visit.time());
        assertEquals(13_344_473_600_123_457L, visit.rawTime());
    }

    @Test
    void mapsEveryCoreTransitionAndTheRedirectQualifiers() {
        String[] expected = {"link", "typed", "bookmark", "embedded", "embedded", "generated", "other", "form",
            "reload", "generated", "generated"};
        for (int core = 0; core < expected.length; core++) {
            assertEquals(expected[core], ChromiumHistoryReader.transitionOf(core), "core type " + core);
            // CHAIN_START | CHAIN_END and FORWARD_BACK qualifiers do not change the core type
            assertEquals(expected[core], ChromiumHistoryReader.transitionOf(0x30000000L | 0x01000000L | core));
        }
        assertEquals("redirect", ChromiumHistoryReader.transitionOf(0x80000000L | 0x20000000L)); // SERVER_REDIRECT
        assertEquals("redirect", ChromiumHistoryReader.transitionOf(0x40000000L | 0x20000000L)); // CLIENT_REDIRECT
        // SQLite hands the column back signed: a server redirect with CHAIN_END reads as a negative number.
        assertEquals("redirect", ChromiumHistoryReader.transitionOf(0xA0000000));
        assertEquals("other", ChromiumHistoryReader.transitionOf(0x30000000L | 11));
        assertEquals("other", ChromiumHistoryReader.transitionOf(0xFF));
    }

    @Test
    void readsUrlTitleTransitionAndTheSearchTermChromiumRecorded() throws Exception {
        db.chromiumVisit("http://127.0.0.1/pond", "Pond Life", T0, FixtureDatabase.TYPED);
        db.chromiumVisit("https://www.google.com/search?q=frog+spawn", "frog spawn - Google Search",
                T0.plusSeconds(5), 5 | 0x30000000L);
        db.chromiumSearchTerm("https://www.google.com/search?q=frog+spawn", "frog spawn");
        db.chromiumVisit("http://127.0.0.1/untitled", null, T0.plusSeconds(9), 0x80000000L | 0x20000000L);

        HistoryRead read = reader.readAfter(db.connection(), ProfileCursor.START);

        assertEquals(3, read.visits().size());
        RawVisit pond = read.visits().get(0);
        assertEquals("http://127.0.0.1/pond", pond.url());
        assertEquals("Pond Life", pond.title());
        assertEquals("typed", pond.transition());
        assertNull(pond.searchTerms());
        RawVisit search = read.visits().get(1);
        assertEquals("frog spawn", search.searchTerms());
        assertEquals("generated", search.transition());
        assertEquals(T0.plusSeconds(5), search.time());
        RawVisit untitled = read.visits().get(2);
        assertEquals("", untitled.title());
        assertEquals("redirect", untitled.transition());
        assertFalse(read.cleared());
        assertFalse(read.more());
        assertEquals(new ProfileCursor(untitled.id(), untitled.rawTime()), read.next());
    }

    @Test
    void textIsReadAlikeFromUtf8AndUtf16Databases() throws Exception {
        try (FixtureDatabase utf16 = FixtureDatabase.chromiumInUtf16(dir.resolve("Profile 1/History"))) {
            for (FixtureDatabase history : List.of(db, utf16)) {
                history.chromiumVisit("https://fr.wikipedia.org/wiki/R%C3%A9sum%C3%A9", "Résumé — 日本語 🐱", T0, 0);
                history.chromiumVisit("https://www.google.com/search?q=caf%C3%A9", "", T0.plusSeconds(1), 5);
                history.chromiumSearchTerm("https://www.google.com/search?q=caf%C3%A9", "café ☕");
            }
            try (var encoding = utf16.connection().createStatement().executeQuery("PRAGMA encoding")) {
                assertEquals("UTF-16le", encoding.getString(1));
            }

            for (FixtureDatabase history : List.of(db, utf16)) {
                List<RawVisit> visits = reader.readAfter(history.connection(), ProfileCursor.START).visits();

                assertEquals(List.of("https://fr.wikipedia.org/wiki/R%C3%A9sum%C3%A9",
                        "https://www.google.com/search?q=caf%C3%A9"), visits.stream().map(RawVisit::url).toList());
                assertEquals(List.of("Résumé — 日本語 🐱", ""), visits.stream().map(RawVisit::title).toList());
                assertNull(visits.get(0).searchTerms());
                assertEquals("café ☕", visits.get(1).searchTerms());
            }
        }
    }

    @Test
    void aCursorResumesAfterTheLastVisitSoEachVisitIsReadOnce() throws Exception {
        db.chromiumVisit("http://127.0.0.1/1", "One", T0, FixtureDatabase.TYPED);
        db.chromiumVisit("http://127.0.0.1/2", "Two", T0.plusSeconds(1), 0);
        HistoryRead first = reader.readAfter(db.connection(), ProfileCursor.START);
        db.chromiumVisit("http://127.0.0.1/3", "Three", T0.plusSeconds(2), 0);
        db.chromiumVisit("http://127.0.0.1/1", "One", T0.plusSeconds(3), 8); // a revisit of a known URL

        HistoryRead second = reader.readAfter(db.connection(), first.next());
        HistoryRead third = reader.readAfter(db.connection(), second.next());

        assertEquals(List.of("http://127.0.0.1/1", "http://127.0.0.1/2"), urls(first));
        assertEquals(List.of("http://127.0.0.1/3", "http://127.0.0.1/1"), urls(second));
        assertEquals("reload", second.visits().get(1).transition());
        assertTrue(third.visits().isEmpty());
        assertEquals(second.next(), third.next());
        assertFalse(third.cleared());
    }

    @Test
    void aLimitBoundsEachReadAndSaysWhenMoreAreWaiting() throws Exception {
        for (int i = 0; i < 5; i++) {
            db.chromiumVisit("http://127.0.0.1/" + i, "Page " + i, T0.plusSeconds(i), 0);
        }
        ChromiumHistoryReader small = new ChromiumHistoryReader(2);

        HistoryRead a = small.readAfter(db.connection(), ProfileCursor.START);
        HistoryRead b = small.readAfter(db.connection(), a.next());
        HistoryRead c = small.readAfter(db.connection(), b.next());

        assertEquals(List.of("http://127.0.0.1/0", "http://127.0.0.1/1"), urls(a));
        assertTrue(a.more());
        assertEquals(List.of("http://127.0.0.1/2", "http://127.0.0.1/3"), urls(b));
        assertTrue(b.more());
        assertEquals(List.of("http://127.0.0.1/4"), urls(c));
        assertFalse(c.more());
        assertThrows(IllegalArgumentException.class, () -> new ChromiumHistoryReader(0));
    }

    @Test
    void aStreamHandsOverTheVisitsAReadReturnsAndStopsWhereItsSinkDoes() throws Exception {
        for (int i = 0; i < 5; i++) {
            db.chromiumVisit("http://127.0.0.1/" + i, "Page " + i, T0.plusSeconds(i), 0);
        }
        List<String> events = new java.util.ArrayList<>();
        VisitSink threeOnly = new VisitSink() {
            @Override
            public void begin(boolean cleared) {
                events.add("begin cleared=" + cleared);
            }

            @Override
            public boolean take(RawVisit visit) {
                if (events.size() > 3) {
                    return false;
                }
                events.add(visit.url());
                return true;
            }
        };

        StreamedRead partial = reader.stream(db.connection(), ProfileCursor.START, threeOnly);
        List<RawVisit> rest = new java.util.ArrayList<>();
        StreamedRead end = reader.stream(db.connection(), partial.next(), rest::add);
        HistoryRead read = reader.readAfter(db.connection(), ProfileCursor.START);

        assertEquals(List.of("begin cleared=false", "http://127.0.0.1/0", "http://127.0.0.1/1",
                "http://127.0.0.1/2"), events);
        assertTrue(partial.more(), "the sink left visits waiting");
        assertEquals(List.of("http://127.0.0.1/3", "http://127.0.0.1/4"), rest.stream().map(RawVisit::url).toList());
        assertFalse(end.more());
        assertEquals(read.visits().subList(3, 5), rest, "streamed and listed visits are the same");
        assertEquals(read.next(), end.next());
        assertEquals(2, new ChromiumHistoryReader(2).stream(db.connection(), ProfileCursor.START, v -> true)
                .next().lastVisitId(), "a reader's explicit limit bounds its streams too");
    }

    @Test
    void historyClearedEntirelyIsReportedOnceAndLaterVisitsAreCollected() throws Exception {
        db.chromiumVisit("http://127.0.0.1/1", "One", T0, 0);
        db.chromiumVisit("http://127.0.0.1/2", "Two", T0.plusSeconds(1), 0);
        ProfileCursor collected = reader.readAfter(db.connection(), ProfileCursor.START).next();
        db.update("DELETE FROM visits");
        db.update("DELETE FROM urls");

        HistoryRead afterClear = reader.readAfter(db.connection(), collected);
        HistoryRead again = reader.readAfter(db.connection(), afterClear.next());
        db.chromiumVisit("http://127.0.0.1/after", "After", T0.plusSeconds(60), 0);
        HistoryRead later = reader.readAfter(db.connection(), again.next());

        assertTrue(afterClear.cleared());
        assertTrue(afterClear.visits().isEmpty());
        assertEquals(ProfileCursor.timeOnly(collected.lastVisitTime()), afterClear.next());
        assertFalse(again.cleared(), "a clear is reported once");
        assertEquals(List.of("http://127.0.0.1/after"), urls(later));
        assertFalse(later.cleared());
    }

    @Test
    void lastHourClearedGivesOnlyTheNewVisitsNotTheOlderOnesAgain() throws Exception {
        for (int i = 1; i <= 5; i++) {
            db.chromiumVisit("http://127.0.0.1/" + i, "Page " + i, T0.plusSeconds(i * 600L), 0);
        }
        ProfileCursor collected = reader.readAfter(db.connection(), ProfileCursor.START).next();
        db.update("DELETE FROM visits WHERE visit_time > ?", ChromiumHistoryReader.fromInstant(T0.plusSeconds(1500)));
        db.chromiumVisit("http://127.0.0.1/new", "New", T0.plusSeconds(4000), 0);

        HistoryRead read = reader.readAfter(db.connection(), collected);

        assertTrue(read.cleared());
        assertEquals(List.of("http://127.0.0.1/new"), urls(read));
    }

    @Test
    void visitsSyncBroughtFromOtherDevicesAreNotThisDevicesHistory() throws Exception {
        long local = db.chromiumVisit("http://127.0.0.1/here", "Here", T0, 0);
        long synced = db.chromiumVisit("https://phone.example/", "Phone", T0.plusSeconds(1), 0);
        db.update("UPDATE visits SET originator_cache_guid = 'f3a9c0de' WHERE id = ?", synced);
        long oldSync = db.chromiumVisit("https://tablet.example/", "Tablet", T0.plusSeconds(2), 0);
        db.insert("INSERT INTO visit_source(id, source) VALUES (?, 0)", oldSync);
        long extension = db.chromiumVisit("http://127.0.0.1/by-extension", "Ext", T0.plusSeconds(3), 0);
        db.insert("INSERT INTO visit_source(id, source) VALUES (?, 2)", extension);

        HistoryRead read = reader.readAfter(db.connection(), ProfileCursor.START);

        assertEquals(List.of("http://127.0.0.1/here", "http://127.0.0.1/by-extension"), urls(read));
        assertEquals(local, read.visits().get(0).id());
    }

    @Test
    void aMissingTableOrColumnIsNamed() throws Exception {
        db.update("DROP TABLE visits");
        db.update("CREATE TABLE visits(id INTEGER PRIMARY KEY, url INTEGER, visit_time INTEGER)");
        db.update("DROP TABLE urls");

        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> reader.readAfter(db.connection(), ProfileCursor.START));

        assertEquals("not a Chromium History database: it has no table urls, no column visits.transition",
                e.getMessage());
    }

    @Test
    void aViewInPlaceOfATableIsRefusedWithoutRunningIt() throws Exception {
        // A learner's own History file can be replaced: this view never ends, and reading it would flood the console
        // with made-up visits for as long as the agent runs.
        db.update("DROP TABLE visits");
        db.update("CREATE VIEW visits(id, url, visit_time, transition) AS WITH RECURSIVE n(i) AS"
                + " (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i, 1, 13344473600000000 + i, 0 FROM n");

        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> reader.readAfter(db.connection(), ProfileCursor.START));

        assertEquals("not a Chromium History database: it has no table visits (visits is a view, which no browser"
                + " writes)", e.getMessage());
    }

    @Test
    void aVirtualTableMadeToLookStoredIsRefused() throws Exception {
        // An FTS5 table (whose rows a module makes, and whose external content can be a view) with its schema row
        // edited to give it a root page, as a stored table has.
        db.update("DROP TABLE urls");
        db.update("CREATE VIRTUAL TABLE urls USING fts5(id, url, title)");
        db.update("PRAGMA writable_schema = ON");
        db.update("UPDATE sqlite_master SET rootpage = 2 WHERE name = 'urls'");
        db.close();
        db = FixtureDatabase.open(dir.resolve("Default/History"));

        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> reader.readAfter(db.connection(), ProfileCursor.START));

        assertEquals("not a Chromium History database: it has no table urls (urls is a virtual table, which no"
                + " browser writes)", e.getMessage());
    }

    @Test
    void aColumnComputedOnReadIsRefused() throws Exception {
        db.update("DROP TABLE urls");
        db.update("CREATE TABLE urls(id INTEGER PRIMARY KEY, url LONGVARCHAR,"
                + " title LONGVARCHAR GENERATED ALWAYS AS (url || url) VIRTUAL)");

        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> reader.readAfter(db.connection(), ProfileCursor.START));

        assertEquals("not a Chromium History database: it has no column urls.title (it is computed on read, which no"
                + " browser writes)", e.getMessage());
    }

    @Test
    void aViewInPlaceOfAnOptionalTableIsNotRead() throws Exception {
        db.chromiumVisit("https://www.bing.com/search?q=volcanoes", "volcanoes - Search", T0, FixtureDatabase.TYPED);
        db.update("DROP TABLE keyword_search_terms");
        db.update("CREATE VIEW keyword_search_terms(keyword_id, url_id, term) AS SELECT 1, id, 'made up' FROM urls");

        HistoryRead read = reader.readAfter(db.connection(), ProfileCursor.START);

        assertEquals(1, read.visits().size());
        assertNull(read.visits().get(0).searchTerms()); // the view's "made up" is not taken for the browser's record
    }

    @Test
    void aFirefoxDatabaseIsNotTakenForChromiumHistory() {
        try (FixtureDatabase places = FixtureDatabase.firefox(dir.resolve("places.sqlite"))) {
            HistoryFormatException e = assertThrows(HistoryFormatException.class,
                    () -> reader.readAfter(places.connection(), ProfileCursor.START));
            assertEquals("not a Chromium History database: it has no table urls, no table visits", e.getMessage());
        }
    }

    static List<String> urls(HistoryRead read) {
        return read.visits().stream().map(RawVisit::url).toList();
    }
}
