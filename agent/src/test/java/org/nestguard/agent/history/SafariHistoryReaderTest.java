package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nestguard.agent.history.SafariHistoryDb.Visit;

class SafariHistoryReaderTest {
    /** 2025-03-10T10:00:00Z in Safari's time base. */
    private static final double MONDAY_10AM = 763_293_600.0;

    @TempDir
    Path dir;

    private final SafariHistoryReader reader = new SafariHistoryReader();

    @Test
    void convertsSecondsSince2001ExactlyKeepingTheFraction() {
        // research 4.2 cross-check vector: 721692800.0 = 2023-11-14T22:13:20Z = Unix 1700000000
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), SafariHistoryReader.instantOf(721_692_800.0));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), SafariHistoryReader.instantOf(721_692_800.0));
        assertEquals(Instant.parse("2025-03-10T10:00:00.250Z"), SafariHistoryReader.instantOf(MONDAY_10AM + 0.25));
        assertEquals(Instant.parse("2001-01-01T00:00:00Z"), SafariHistoryReader.instantOf(0.0));
        assertEquals(Instant.parse("2000-12-31T23:59:59.500Z"), SafariHistoryReader.instantOf(-0.5));
        assertEquals(763_293_600_250_000L, SafariHistoryReader.rawTimeOf(MONDAY_10AM + 0.25));
        // the microsecond survives a double of this size
        assertEquals(763_293_600_123_457L, SafariHistoryReader.rawTimeOf(763_293_600.123457));
        // the double nearest 763293600.123457 is 763293600.12345695...: the instant keeps it to within 100 ns
        long offByNanos = java.time.Duration.between(Instant.parse("2025-03-10T10:00:00.123457Z"),
                SafariHistoryReader.instantOf(763_293_600.123457)).abs().toNanos();
        assertTrue(offByNanos < 100, offByNanos + " ns");
    }

    @Test
    void firstReadReturnsEveryLocalVisitOldestFirstWithHonestTransitions() throws Exception {
        try (SafariHistoryDb db = SafariHistoryDb.create(dir.resolve("History.db"), "safari-history-v16.sql")) {
            long bbc = db.visit("https://www.bbc.co.uk/bitesize", MONDAY_10AM + 60, "KS3 Maths - BBC Bitesize");
            long shortLink = db.visit("https://bit.ly/3xYz", MONDAY_10AM + 120.5, null);
            long target = db.redirect(shortLink, "https://www.example.org/landing", MONDAY_10AM + 120.75, "Landing");
            long login = db.visit("https://login.school.example/auth", MONDAY_10AM + 180, "Sign in", Visit.POST);
            long blocked = db.visit("https://casino.example/", MONDAY_10AM + 240, "", Visit.FAILED);
            long synthesized = db.visit("https://www.wikipedia.org/", MONDAY_10AM + 30, "Wikipedia", Visit.SYNTHESIZED);
            db.visit("https://phone-only.example/", MONDAY_10AM + 200, "From the iPhone", Visit.FROM_ICLOUD);

            HistoryRead read = reader.readAfter(db.connection(), ProfileCursor.START);

            assertFalse(read.cleared());
            // in the order Safari recorded them: the synthesized visit, stamped earliest, was written last
            assertEquals(List.of(bbc, shortLink, target, login, blocked, synthesized), ids(read.visits()));
            RawVisit first = read.visits().get(0);
            assertEquals("https://www.bbc.co.uk/bitesize", first.url());
            assertEquals("KS3 Maths - BBC Bitesize", first.title());
            assertEquals(Instant.parse("2025-03-10T10:01:00Z"), first.time());
            assertEquals(SafariHistoryReader.rawTimeOf(MONDAY_10AM + 60), first.rawTime());
            assertEquals(null, first.searchTerms());
            assertEquals(List.of("link", "link", "redirect", "form", "link", "other"), transitions(read.visits()));
            assertEquals("", read.visits().get(1).title(), "a visit without a title has an empty one");
            assertEquals(Instant.parse("2025-03-10T10:02:00.750Z"), read.visits().get(2).time());
            assertEquals(new ProfileCursor(synthesized, SafariHistoryReader.rawTimeOf(MONDAY_10AM + 30)), read.next(),
                    "the cursor names the visit with the highest id, whatever its time");
        }
    }

    @Test
    void laterReadsReturnOnlyNewVisitsIncludingOneWhoseClockTimeIsEarlier() throws Exception {
        try (SafariHistoryDb db = SafariHistoryDb.create(dir.resolve("History.db"), "safari-history-v16.sql")) {
            db.visit("https://www.bbc.co.uk/news", MONDAY_10AM, "BBC News");
            long second = db.visit("https://www.bbc.co.uk/sport", MONDAY_10AM + 10, "BBC Sport");
            HistoryRead first = reader.readAfter(db.connection(), ProfileCursor.START);
            assertEquals(new ProfileCursor(second, SafariHistoryReader.rawTimeOf(MONDAY_10AM + 10)), first.next());

            HistoryRead nothing = reader.readAfter(db.connection(), first.next());
            assertEquals(List.of(), nothing.visits());
            assertEquals(first.next(), nothing.next());
            assertFalse(nothing.cleared());

            long third = db.visit("https://www.bbc.co.uk/news", MONDAY_10AM + 3600, "BBC News");
            // the clock was put back: inserted later, stamped earlier; ids still say it is new
            long fourth = db.visit("https://classroom.google.com/", MONDAY_10AM + 5, "Classroom");
            HistoryRead more = reader.readAfter(db.connection(), first.next());
            assertEquals(List.of(third, fourth), ids(more.visits()));
            assertEquals(new ProfileCursor(fourth, SafariHistoryReader.rawTimeOf(MONDAY_10AM + 5)), more.next());
            assertFalse(more.cleared());
        }
    }

    @Test
    void aReadStoppedPartWayGoesOnFromTheLastVisitTakenWithNoneTwiceOrMissed() throws Exception {
        try (SafariHistoryDb db = SafariHistoryDb.create(dir.resolve("History.db"), "safari-history-v16.sql")) {
            long a = db.visit("https://a.example/", MONDAY_10AM + 60, "a");
            long b = db.visit("https://b.example/", MONDAY_10AM + 120, "b");
            long c = db.visit("https://c.example/", MONDAY_10AM + 30, "c, stamped before a and b");
            long d = db.visit("https://d.example/", MONDAY_10AM + 180, "d");
            List<Long> taken = new java.util.ArrayList<>();
            ProfileCursor cursor = ProfileCursor.START;
            StreamedRead read;
            do { // a sink with room for two visits a read, as a full batch leaves the rest for the next
                int[] room = {2};
                read = reader.stream(db.connection(), cursor, visit -> room[0]-- > 0 && taken.add(visit.id()));
                cursor = read.next();
            } while (read.more());

            assertEquals(List.of(a, b, c, d), taken);
        }
    }

    @Test
    void clearingAllHistoryIsReportedAndOnlyLaterVisitsFollow() throws Exception {
        try (SafariHistoryDb db = SafariHistoryDb.create(dir.resolve("History.db"), "safari-history-v16.sql")) {
            db.visit("https://www.bbc.co.uk/news", MONDAY_10AM, "BBC News");
            db.visit("https://self-harm.example/", MONDAY_10AM + 10, "…");
            HistoryRead first = reader.readAfter(db.connection(), ProfileCursor.START);

            // History > Clear History… > all history: Safari deletes the items, the visits go with them
            db.execute("PRAGMA foreign_keys = ON");
            db.execute("DELETE FROM history_items");
            HistoryRead afterClear = reader.readAfter(db.connection(), first.next());
            assertTrue(afterClear.cleared());
            assertEquals(List.of(), afterClear.visits());
            assertEquals(new ProfileCursor(0, first.next().lastVisitTime()), afterClear.next(),
                    "the cursor keeps the time but drops the id of the visit that is gone");

            HistoryRead again = reader.readAfter(db.connection(), afterClear.next());
            assertFalse(again.cleared(), "one clearing is reported once");
            assertEquals(afterClear.next(), again.next());

            long fresh = db.visit("https://www.bbc.co.uk/bitesize", MONDAY_10AM + 600, "Bitesize");
            HistoryRead later = reader.readAfter(db.connection(), again.next());
            assertFalse(later.cleared());
            assertEquals(List.of(fresh), ids(later.visits()));
            assertTrue(fresh > first.next().lastVisitId(), "AUTOINCREMENT: ids are not reused after a clearing");
        }
    }

    @Test
    void clearingTheLastHourDoesNotRecollectOlderVisits() throws Exception {
        try (SafariHistoryDb db = SafariHistoryDb.create(dir.resolve("History.db"), "safari-history-v16.sql")) {
            db.visit("https://www.bbc.co.uk/news", MONDAY_10AM - 7200, "BBC News");
            db.visit("https://www.bbc.co.uk/weather", MONDAY_10AM - 60, "BBC Weather");
            db.visit("https://gambling.example/", MONDAY_10AM, "Bets");
            HistoryRead first = reader.readAfter(db.connection(), ProfileCursor.START);

            db.execute("DELETE FROM history_visits WHERE visit_time > " + (MONDAY_10AM - 3600));
            long fresh = db.visit("https://www.bbc.co.uk/news", MONDAY_10AM + 900, "BBC News");
            HistoryRead read = reader.readAfter(db.connection(), first.next());

            assertTrue(read.cleared());
            assertEquals(List.of(fresh), ids(read.visits()), "the visit from two hours ago is not collected again");
            assertEquals(new ProfileCursor(fresh, SafariHistoryReader.rawTimeOf(MONDAY_10AM + 900)), read.next());
        }
    }

    @Test
    void recreatedDatabaseReusingTheCursorsIdIsClearedAndReadByTime() throws Exception {
        ProfileCursor cursor;
        try (SafariHistoryDb db = SafariHistoryDb.create(dir.resolve("History.db"), "safari-history-v16.sql")) {
            db.visit("https://www.bbc.co.uk/news", MONDAY_10AM, "BBC News");
            db.visit("https://www.bbc.co.uk/sport", MONDAY_10AM + 10, "BBC Sport");
            cursor = reader.readAfter(db.connection(), ProfileCursor.START).next();
        }
        assertEquals(2, cursor.lastVisitId());
        // the user deleted ~/Library/Safari/History.db; Safari starts a new one and ids start again at 1
        try (SafariHistoryDb db = SafariHistoryDb.create(dir.resolve("History-new.db"), "safari-history-v16.sql")) {
            long a = db.visit("https://www.bbc.co.uk/news", MONDAY_10AM - 86_400, "re-synced old visit");
            long b = db.visit("https://chat.example/", MONDAY_10AM + 4000, "Chat");
            long c = db.visit("https://www.bbc.co.uk/sport", MONDAY_10AM + 5000, "BBC Sport");
            assertEquals(2, b, "id 2 now holds another visit");

            HistoryRead read = reader.readAfter(db.connection(), cursor);

            assertTrue(read.cleared());
            assertEquals(List.of(b, c), ids(read.visits()), "by time: the older visit (id " + a + ") is left out");
            assertEquals(new ProfileCursor(c, SafariHistoryReader.rawTimeOf(MONDAY_10AM + 5000)), read.next());
        }
    }

    @Test
    void timeComparisonIsExactAtTheMicrosecond() throws Exception {
        try (SafariHistoryDb db = SafariHistoryDb.create(dir.resolve("History.db"), "safari-history-v16.sql")) {
            db.visit("https://a.example/", 763_293_600.123456, "a");
            HistoryRead first = reader.readAfter(db.connection(), ProfileCursor.START);
            db.execute("DELETE FROM history_visits");
            long same = db.visit("https://b.example/", 763_293_600.123456, "same microsecond");
            long next = db.visit("https://c.example/", 763_293_600.123457, "one microsecond later");

            HistoryRead read = reader.readAfter(db.connection(), first.next());

            assertTrue(read.cleared());
            assertEquals(List.of(next), ids(read.visits()), "visit " + same + " is not later than the cursor");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"safari-history-v16.sql", "safari-history-v13.sql"})
    void readsEverySchemaVersionOnFile(String schema) throws Exception {
        try (SafariHistoryDb db = SafariHistoryDb.create(dir.resolve("History.db"), schema)) {
            long visit = db.visit("https://www.kiddle.co/s.php?q=volcanoes", MONDAY_10AM, "volcanoes - Kiddle");
            HistoryRead read = reader.readAfter(db.connection(), ProfileCursor.START);
            assertEquals(List.of(visit), ids(read.visits()));
            assertEquals("volcanoes - Kiddle", read.visits().get(0).title());
        }
    }

    @Test
    void olderSchemaWithoutOriginOrRedirectColumnsStillReads() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("History.db"))) {
            // Safari's first SQLite schema (user_version 1), before migration 2 added origin
            db.createStatement().executeUpdate("CREATE TABLE history_items (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " url TEXT NOT NULL UNIQUE, visit_count INTEGER NOT NULL);"
                    + " CREATE TABLE history_visits (id INTEGER PRIMARY KEY AUTOINCREMENT, history_item INTEGER NOT NULL,"
                    + " visit_time REAL NOT NULL, title TEXT NULL);"
                    + " INSERT INTO history_items VALUES (1, 'https://www.bbc.co.uk/', 1);"
                    + " INSERT INTO history_visits VALUES (1, 1, 763293600.5, 'BBC');");
            HistoryRead read = reader.readAfter(db, ProfileCursor.START);
            assertEquals(1, read.visits().size());
            assertEquals("link", read.visits().get(0).transition());
            assertEquals(Instant.parse("2025-03-10T10:00:00.500Z"), read.visits().get(0).time());
        }
    }

    @Test
    void emptyFileIsNotASafariDatabase() throws Exception {
        Path empty = Files.createFile(dir.resolve("History.db"));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + empty)) {
            HistoryFormatException e = assertThrows(HistoryFormatException.class,
                    () -> reader.readAfter(db, ProfileCursor.START));
            assertEquals("not a Safari History.db: missing table history_items, table history_visits;"
                    + " found no tables (an empty or new file)", e.getMessage());
        }
    }

    @Test
    void chromiumDatabaseIsRefusedNamingWhatIsMissingAndFound() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("History"))) {
            db.createStatement().executeUpdate("CREATE TABLE urls(id INTEGER PRIMARY KEY, url LONGVARCHAR);"
                    + " CREATE TABLE visits(id INTEGER PRIMARY KEY, url INTEGER NOT NULL, visit_time INTEGER NOT NULL)");
            HistoryFormatException e = assertThrows(HistoryFormatException.class,
                    () -> reader.readAfter(db, ProfileCursor.START));
            assertEquals("not a Safari History.db: missing table history_items, table history_visits;"
                    + " found tables [urls, visits]", e.getMessage());
        }
    }

    @Test
    void missingColumnIsNamed() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("History.db"))) {
            db.createStatement().executeUpdate("CREATE TABLE history_items (id INTEGER PRIMARY KEY, url TEXT);"
                    + " CREATE TABLE history_visits (id INTEGER PRIMARY KEY, history_item INTEGER, time REAL)");
            HistoryFormatException e = assertThrows(HistoryFormatException.class,
                    () -> reader.readAfter(db, ProfileCursor.START));
            assertTrue(e.getMessage().startsWith("not a Safari History.db: missing columns history_visits.visit_time;"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("history_visits has [history_item, id, time]"), e.getMessage());
        }
    }

    @Test
    void aViewInPlaceOfATableIsNotRead() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("History.db"))) {
            db.createStatement().executeUpdate("CREATE TABLE history_items (id INTEGER PRIMARY KEY, url TEXT);"
                    + " CREATE VIEW history_visits (id, history_item, visit_time) AS WITH RECURSIVE n(i) AS"
                    + " (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i, 1, 7e8 + i FROM n");
            HistoryFormatException e = assertThrows(HistoryFormatException.class,
                    () -> reader.readAfter(db, ProfileCursor.START));
            assertEquals("not a Safari History.db: missing table history_visits; found tables [history_items]",
                    e.getMessage());
        }
    }

    @Test
    void corruptFileIsAFormatErrorNotACrash() throws Exception {
        Path junk = dir.resolve("History.db");
        byte[] bytes = new byte[8192];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(junk, bytes);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + junk)) {
            HistoryFormatException e = assertThrows(HistoryFormatException.class,
                    () -> reader.readAfter(db, ProfileCursor.START));
            assertTrue(e.getMessage().startsWith("could not read Safari history: "), e.getMessage());
            assertTrue(e.getCause() instanceof SQLException);
        }
    }

    private static List<Long> ids(List<RawVisit> visits) {
        return visits.stream().map(RawVisit::id).toList();
    }

    private static List<String> transitions(List<RawVisit> visits) {
        return visits.stream().map(RawVisit::transition).toList();
    }
}
