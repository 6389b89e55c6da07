package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nestguard.agent.history.HistoryCollectorTest.GOOGLE_Q;
import static org.nestguard.agent.history.HistoryCollectorTest.entries;
import static org.nestguard.agent.history.HistoryCollectorTest.visitsOf;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.Visit;

/** {@link HistoryCollector#collectAll}: a large history streamed in batches from one copy, and batch bounds. */
class HistoryCollectAllTest {
    private static final Instant T0 = Instant.parse("2024-03-04T09:00:00Z");
    private static final Clock LATER = Clock.fixed(T0.plus(Duration.ofDays(30)), ZoneOffset.UTC);
    /** A batch of about 20 of this test's visits, by the collector's estimate. */
    private static final long SMALL_BATCH = 20 * BatchRoom.sizeOf("http://127.0.0.1/page/000", "Page 000", null);

    @TempDir
    Path dir;
    AgentHome home;
    HistoryCursors cursors;
    final List<BrowserProfile> present = new ArrayList<>();
    /** The database each stream was read from, by profile: one entry per copy taken. */
    final Map<String, Set<String>> copiesRead = new java.util.HashMap<>();

    @BeforeEach
    void agentHome() throws IOException {
        home = new AgentHome(dir.resolve("agent"));
        home.create();
        cursors = HistoryCursors.open(home);
    }

    HistoryCollector collector(Clock clock, Duration settle, long batchBytes,
                               Map<HistoryFormat, HistoryReader> readers) {
        return new HistoryCollector(() -> List.copyOf(present), readers, cursors, account -> AccountKind.LEARNER,
                GOOGLE_Q, scratch(), clock, settle, batchBytes, batchBytes);
    }

    HistoryCollector collector(long batchBytes) {
        return collector(LATER, HistoryCollector.DEFAULT_SETTLE, batchBytes, Map.of(
                HistoryFormat.CHROMIUM, watching(new ChromiumHistoryReader()),
                HistoryFormat.FIREFOX, watching(new FirefoxHistoryReader())));
    }

    /** A reader that notes which copy each stream reads. */
    HistoryReader watching(HistoryReader reader) {
        return new HistoryReader() {
            @Override
            public HistoryRead readAfter(Connection copy, ProfileCursor from) throws HistoryFormatException {
                return reader.readAfter(copy, from);
            }

            @Override
            public StreamedRead stream(Connection copy, ProfileCursor from, VisitSink sink)
                    throws HistoryFormatException {
                try {
                    String url = copy.getMetaData().getURL();
                    copiesRead.computeIfAbsent(isFirefox(copy) ? "firefox" : "chrome",
                            k -> new LinkedHashSet<>()).add(url);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return reader.stream(copy, from, sink);
            }
        };
    }

    private static boolean isFirefox(Connection copy) throws SQLException {
        return !RequiredSchema.columnsOf(copy, "moz_places").isEmpty();
    }

    Path scratch() {
        return home.state().resolve("scratch");
    }

    BrowserProfile chromium(String account) {
        return new BrowserProfile("chrome", HistoryFormat.CHROMIUM, account, "Default",
                dir.resolve("home/" + account + "/.config/google-chrome/Default/History"));
    }

    BrowserProfile firefox(String account) {
        return new BrowserProfile("firefox", HistoryFormat.FIREFOX, account, "default-esr",
                dir.resolve("home/" + account + "/.mozilla/firefox/x1y2.default-esr/places.sqlite"));
    }

    static List<String> pages(String prefix, int from, int count) {
        List<String> titles = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            titles.add(prefix + String.format("%03d", i));
        }
        return titles;
    }

    static void chromiumPages(BrowserProfile profile, int from, int count) throws SQLException {
        try (FixtureDatabase c = java.nio.file.Files.exists(profile.historyFile())
                ? FixtureDatabase.open(profile.historyFile()) : FixtureDatabase.chromium(profile.historyFile())) {
            c.connection().setAutoCommit(false);
            for (int i = from; i < from + count; i++) {
                c.chromiumVisit(String.format("http://127.0.0.1/page/%03d", i), String.format("Page %03d", i),
                        T0.plusSeconds(i), 0);
            }
            c.connection().commit();
        }
    }

    /** Keeps what collectAll hands over, batch by batch. */
    static class Recording implements HistoryRecorder {
        final List<Visit> visits = new ArrayList<>();
        final List<BatchEnd> batches = new ArrayList<>();
        final List<Integer> visitsPerBatch = new ArrayList<>();
        int sinceLastBatch;

        @Override
        public void visit(BrowserProfile profile, Visit visit) throws IOException {
            visits.add(visit);
            sinceLastBatch++;
        }

        @Override
        public void endOfBatch(BatchEnd batch) throws IOException {
            batches.add(batch);
            visitsPerBatch.add(sinceLastBatch);
            sinceLastBatch = 0;
        }

        List<String> titles() {
            return visits.stream().map(Visit::title).toList();
        }
    }

    @Test
    void aLargeHistoryIsStreamedInBatchesFromOneCopyOfEachProfileEveryVisitOnce() throws Exception {
        BrowserProfile chrome = chromium("pupil");
        BrowserProfile fox = firefox("teacher");
        present.addAll(List.of(chrome, fox));
        chromiumPages(chrome, 0, 150);
        try (FixtureDatabase f = FixtureDatabase.firefox(fox.historyFile())) {
            for (int i = 0; i < 30; i++) {
                f.firefoxVisit(String.format("http://127.0.0.1/fox/%03d", i), String.format("Fox %03d", i),
                        T0.plusSeconds(i), FixtureDatabase.FIREFOX_LINK);
            }
        }
        HistoryCollector collector = collector(SMALL_BATCH);
        Recording recording = new Recording();

        boolean timedOut = collector.collectAll(Duration.ofMinutes(5), recording);

        List<String> expected = new ArrayList<>(pages("Page ", 0, 150));
        expected.addAll(pages("Fox ", 0, 30));
        assertFalse(timedOut);
        assertEquals(expected, recording.titles(), "every visit once, each profile's in order");
        assertTrue(recording.batches.size() >= 9, "in batches of about 20: " + recording.visitsPerBatch);
        assertTrue(recording.visitsPerBatch.stream().allMatch(n -> n <= 21), recording.visitsPerBatch.toString());
        for (int i = 0; i < recording.batches.size(); i++) {
            BatchEnd batch = recording.batches.get(i);
            assertEquals(recording.visitsPerBatch.get(i), batch.visits(), "the batch counts what it handed over");
            assertEquals(i < recording.batches.size() - 1, batch.more(), "more until the last batch");
            assertTrue(batch.notices().isEmpty() && batch.failures().isEmpty());
        }
        assertEquals(1, copiesRead.get("chrome").size(), "one copy read batch after batch: " + copiesRead);
        assertEquals(1, copiesRead.get("firefox").size(), copiesRead.toString());
        assertEquals(List.of(), entries(scratch()), "no copy is left behind");

        Recording again = new Recording();
        assertFalse(collector.collectAll(Duration.ofMinutes(5), again));
        assertEquals(List.of(), again.visits, "the cursors moved past every batch");
        assertEquals(1, again.batches.size());
        assertEquals(List.of(chrome, fox), again.batches.get(0).profiles());
        assertEquals(1, copiesRead.get("chrome").size(), "an unchanged database is not copied again");
    }

    @Test
    void aBatchThatCannotBeRecordedKeepsItsCursorsAndIsReadAgainWhileEarlierBatchesAreNot() throws Exception {
        BrowserProfile chrome = chromium("pupil");
        present.add(chrome);
        chromiumPages(chrome, 0, 100);
        Recording first = new Recording() {
            @Override
            public void endOfBatch(BatchEnd batch) throws IOException {
                if (batches.size() == 2) {
                    throw new IOException("outbox disk full");
                }
                super.endOfBatch(batch);
            }
        };
        HistoryCollector collector = collector(SMALL_BATCH);

        IOException e = assertThrows(IOException.class, () -> collector.collectAll(Duration.ofMinutes(5), first));
        Recording second = new Recording();
        collector.collectAll(Duration.ofMinutes(5), second);

        assertEquals("outbox disk full", e.getMessage());
        int recorded = first.visitsPerBatch.get(0) + first.visitsPerBatch.get(1);
        List<String> secondTitles = second.titles();
        assertEquals(pages("Page ", recorded, 100 - recorded), secondTitles,
                "the third batch and later come again, the first two do not");
        assertEquals(List.of(), entries(scratch()), "the copy is deleted when the collection stops");
    }

    @Test
    void aRecorderThatFailsOnAVisitStopsTheCollectionAndIsNotTakenForAnUnreadableProfile() throws Exception {
        BrowserProfile chrome = chromium("pupil");
        present.add(chrome);
        chromiumPages(chrome, 0, 10);
        HistoryRecorder failing = new Recording() {
            @Override
            public void visit(BrowserProfile profile, Visit visit) throws IOException {
                if (visit.title().equals("Page 004")) {
                    throw new IOException("cannot write the outbox");
                }
            }
        };
        HistoryCollector collector = collector(HistoryCollector.DEFAULT_BATCH_BYTES);

        IOException e = assertThrows(IOException.class, () -> collector.collectAll(Duration.ofMinutes(5), failing));
        Recording after = new Recording();
        collector.collectAll(Duration.ofMinutes(5), after);

        assertEquals("cannot write the outbox", e.getMessage());
        assertEquals(pages("Page ", 0, 10), after.titles(), "nothing was committed");
        assertTrue(after.batches.get(0).notices().isEmpty(), "no unreadable notice for the profile");
        assertNull(cursors.tracked().get(0).problem());
        assertEquals(List.of(), entries(scratch()));
    }

    @Test
    void theTimeLimitEndsTheCallBetweenBatchesAndTheNextCallGoesOn() throws Exception {
        BrowserProfile chrome = chromium("pupil");
        present.add(chrome);
        chromiumPages(chrome, 0, 50);
        HistoryCollector collector = collector(SMALL_BATCH);
        Recording first = new Recording();
        Recording rest = new Recording();

        boolean waiting = collector.collectAll(Duration.ZERO, first);
        boolean restWaiting = collector.collectAll(Duration.ofMinutes(5), rest);

        assertTrue(waiting, "visits wait when the time limit ends the call");
        assertEquals(1, first.batches.size(), "a batch is finished, no further one started");
        assertFalse(restWaiting);
        List<String> all = new ArrayList<>(first.titles());
        all.addAll(rest.titles());
        assertEquals(pages("Page ", 0, 50), all);
        assertEquals(List.of(), entries(scratch()));
    }

    @Test
    void visitsYoungerThanTheSettleTimeEndTheCallAndComeNextTime() throws Exception {
        BrowserProfile chrome = chromium("pupil");
        present.add(chrome);
        Instant now = T0.plusSeconds(100);
        try (FixtureDatabase c = FixtureDatabase.chromium(chrome.historyFile())) {
            c.chromiumVisit("http://127.0.0.1/old", "Old", now.minusSeconds(60), 0);
            c.chromiumVisit("http://127.0.0.1/young", "Young", now.minusSeconds(5), 0);
        }
        Recording first = new Recording();
        Recording later = new Recording();
        Map<HistoryFormat, HistoryReader> readers = Map.of(HistoryFormat.CHROMIUM, new ChromiumHistoryReader());

        boolean waiting = collector(Clock.fixed(now, ZoneOffset.UTC), HistoryCollector.DEFAULT_SETTLE,
                SMALL_BATCH, readers).collectAll(Duration.ofMinutes(5), first);
        collector(Clock.fixed(now.plusSeconds(30), ZoneOffset.UTC), HistoryCollector.DEFAULT_SETTLE, SMALL_BATCH,
                readers).collectAll(Duration.ofMinutes(5), later);

        assertEquals(List.of("Old"), first.titles());
        assertFalse(waiting, "a held back visit is not more to read at once");
        assertFalse(first.batches.get(0).more());
        assertEquals(List.of("Young"), later.titles());
    }

    @Test
    void aReadThatFailsPartWayGoesOnFromAFreshCopyAfterTheVisitsAlreadyTakenAndKeepsTheClearing() throws Exception {
        BrowserProfile chrome = chromium("pupil");
        present.add(chrome);
        chromiumPages(chrome, 0, 5);
        ChromiumHistoryReader real = new ChromiumHistoryReader();
        collector(SMALL_BATCH).collectAll(Duration.ofMinutes(5), new Recording());
        try (FixtureDatabase c = FixtureDatabase.open(chrome.historyFile())) {
            c.update("DELETE FROM visits");
        }
        chromiumPages(chrome, 10, 20);
        int[] streams = {0};
        HistoryReader tornOnce = new HistoryReader() {
            @Override
            public HistoryRead readAfter(Connection copy, ProfileCursor from) throws HistoryFormatException {
                return real.readAfter(copy, from);
            }

            @Override
            public StreamedRead stream(Connection copy, ProfileCursor from, VisitSink sink)
                    throws HistoryFormatException {
                if (streams[0]++ > 0) {
                    return real.stream(copy, from, sink);
                }
                // The first copy delivers 7 visits, then reads as corrupt, as a copy torn by a missed write does.
                int[] taken = {0};
                real.stream(copy, from, new VisitSink() {
                    @Override
                    public void begin(boolean cleared) {
                        sink.begin(cleared);
                    }

                    @Override
                    public boolean take(RawVisit visit) {
                        return taken[0]++ < 7 && sink.take(visit);
                    }
                });
                throw new HistoryFormatException("the database is corrupt", new SQLException("database disk image"
                        + " is malformed"));
            }
        };
        Recording recording = new Recording();

        collector(LATER, HistoryCollector.DEFAULT_SETTLE, SMALL_BATCH * 10,
                Map.of(HistoryFormat.CHROMIUM, tornOnce)).collectAll(Duration.ofMinutes(5), recording);

        assertEquals(pages("Page ", 10, 20), recording.titles(), "each visit once, across the two copies");
        assertEquals(2, streams[0]);
        List<HistoryNotice> notices = recording.batches.get(0).notices();
        assertEquals(1, notices.size(), notices.toString());
        assertEquals(HistoryNotice.Kind.CLEARED, notices.get(0).kind(), "the clearing the first copy saw is kept");
        assertTrue(recording.batches.get(0).failures().isEmpty());
    }

    @Test
    void collectKeepsABatchWithinItsRoomHoweverLongTheUrlsAre() throws Exception {
        BrowserProfile chrome = chromium("pupil");
        present.add(chrome);
        // data: URLs and tracking parameters make URLs this long; they are cut to TextCut.MAX_URL_CHARS as read, and
        // 200 of those are still more than one batch
        String padding = "x".repeat(20_000);
        try (FixtureDatabase c = FixtureDatabase.chromium(chrome.historyFile())) {
            c.connection().setAutoCommit(false);
            for (int i = 0; i < 200; i++) {
                c.chromiumVisit("http://127.0.0.1/long/" + i + "?" + padding, "Long " + i, T0.plusSeconds(i), 0);
            }
            c.connection().commit();
        }
        HistoryCollector collector = collector(HistoryCollector.DEFAULT_BATCH_BYTES);

        List<Integer> sizes = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        Harvest harvest;
        do {
            harvest = collector.collect();
            sizes.add(harvest.visitCount());
            visitsOf(harvest, chrome).forEach(v -> titles.add(v.title()));
            collector.commit(harvest);
        } while (harvest.more());

        long perVisit = BatchRoom.sizeOf(TextCut.cut("http://127.0.0.1/long/10?" + padding, TextCut.MAX_URL_CHARS),
                "Long 10", null);
        assertTrue(sizes.size() > 1, "more than one batch: " + sizes);
        assertTrue(sizes.stream().allMatch(n -> n <= HistoryCollector.DEFAULT_BATCH_BYTES / perVisit),
                "each harvest within " + HistoryCollector.DEFAULT_BATCH_BYTES + " bytes: " + sizes);
        assertEquals(200, titles.size());
        assertEquals(200, new LinkedHashSet<>(titles).size(), "each visit once");
    }
}
