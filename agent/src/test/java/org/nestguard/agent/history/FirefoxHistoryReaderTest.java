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

/** The Firefox reader against databases with Firefox ESR 153's own places schema. */
class FirefoxHistoryReaderTest {
    private static final Instant T0 = Instant.parse("2023-11-14T22:13:20Z");

    @TempDir
    Path dir;
    FixtureDatabase db;
    final FirefoxHistoryReader reader = new FirefoxHistoryReader();

    @BeforeEach
    void create() {
        db = FixtureDatabase.firefox(dir.resolve("abcd1234.default-esr/places.sqlite"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void convertsPrTimeExactlyToTheMicrosecond() throws Exception {
        assertEquals(T0, FirefoxHistoryReader.toInstant(1_700_000_000_000_000L));
        assertEquals(1_700_000_000_000_000L, FirefoxHistoryReader.fromInstant(T0));
        db.insert("INSERT INTO moz_places(url, title, guid) VALUES ('https://a.example/', 'A', 'g1')");
        db.insert("INSERT INTO moz_historyvisits(place_id, visit_date, visit_type) VALUES (1, 1700000000000001, 2)");

        RawVisit visit = reader.readAfter(db.connection(), ProfileCursor.START).visits().get(0);

        assertEquals(Instant.parse("2023-11-14T22:13:20.000001Z"), visit.time());
        assertEquals("typed", visit.transition());
        assertEquals("A", visit.title());
        assertNull(visit.searchTerms(), "Firefox records no search term per visit; URLs are looked at separately");
    }

    @Test
    void mapsEveryVisitType() {
        String[] expected = {"other", "link", "typed", "bookmark", "embedded", "redirect", "redirect", "other",
            "embedded", "reload", "other"};
        for (int type = 0; type < expected.length; type++) {
            assertEquals(expected[type], FirefoxHistoryReader.transitionOf(type), "visit_type " + type);
        }
        assertEquals("other", FirefoxHistoryReader.transitionOf(-1));
    }

    @Test
    void aCursorResumesAfterTheLastVisit() throws Exception {
        db.firefoxVisit("http://127.0.0.1/a", "A", T0, 2);
        db.firefoxVisit("http://127.0.0.1/b", null, T0.plusSeconds(1), FixtureDatabase.FIREFOX_LINK);
        HistoryRead first = reader.readAfter(db.connection(), ProfileCursor.START);
        db.firefoxVisit("http://127.0.0.1/a", "A", T0.plusSeconds(2), 9);

        HistoryRead second = reader.readAfter(db.connection(), first.next());

        assertEquals(List.of("http://127.0.0.1/a", "http://127.0.0.1/b"), ChromiumHistoryReaderTest.urls(first));
        assertEquals("", first.visits().get(1).title());
        assertEquals(List.of("http://127.0.0.1/a"), ChromiumHistoryReaderTest.urls(second));
        assertEquals("reload", second.visits().get(0).transition());
    }

    @Test
    void anIdFirefoxReusedAfterAClearIsSeenAsAClearAndOlderVisitsAreNotReadAgain() throws Exception {
        db.firefoxVisit("http://127.0.0.1/1", "One", T0, 1);
        db.firefoxVisit("http://127.0.0.1/2", "Two", T0.plusSeconds(1), 1);
        long last = db.firefoxVisit("http://127.0.0.1/3", "Three", T0.plusSeconds(2), 1);
        ProfileCursor collected = reader.readAfter(db.connection(), ProfileCursor.START).next();
        db.update("DELETE FROM moz_historyvisits WHERE id = ?", last);
        // moz_historyvisits.id is not AUTOINCREMENT: the next visit takes the freed id.
        long reused = db.firefoxVisit("http://127.0.0.1/4", "Four", T0.plusSeconds(30), 1);
        assertEquals(last, reused);

        HistoryRead read = reader.readAfter(db.connection(), collected);
        HistoryRead after = reader.readAfter(db.connection(), read.next());

        assertTrue(read.cleared());
        assertEquals(List.of("http://127.0.0.1/4"), ChromiumHistoryReaderTest.urls(read));
        assertFalse(after.cleared());
        assertTrue(after.visits().isEmpty());
    }

    @Test
    void syncedVisitsFromOtherDevicesAreLeftOut() throws Exception {
        db.firefoxVisit("http://127.0.0.1/here", "Here", T0, 1);
        long synced = db.firefoxVisit("https://phone.example/", "Phone", T0.plusSeconds(1), 1);
        db.update("UPDATE moz_historyvisits SET source = 4 WHERE id = ?", synced);

        assertEquals(List.of("http://127.0.0.1/here"),
                ChromiumHistoryReaderTest.urls(reader.readAfter(db.connection(), ProfileCursor.START)));
    }

    @Test
    void aChromiumDatabaseIsNotTakenForPlaces() {
        try (FixtureDatabase history = FixtureDatabase.chromium(dir.resolve("History"))) {
            HistoryFormatException e = assertThrows(HistoryFormatException.class,
                    () -> reader.readAfter(history.connection(), ProfileCursor.START));
            assertEquals("not a Firefox places.sqlite database: it has no table moz_historyvisits, no table "
                    + "moz_places", e.getMessage());
        }
    }
}
