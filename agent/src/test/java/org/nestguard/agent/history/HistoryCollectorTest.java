package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.Visit;

/** Collections over several profiles on disk, with cursors kept in a real agent home. */
class HistoryCollectorTest {
    private static final Instant T0 = Instant.parse("2024-03-04T09:00:00Z");
    private static final Clock LATER = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    private static final AccountKinds KINDS = account -> account.equals("teacher") ? AccountKind.STAFF
            : AccountKind.LEARNER;
    /** A stand-in for the search-term extraction, which another class does: the q= of a google.com search. */
    static final QueryExtractor GOOGLE_Q = url -> url.startsWith("https://www.google.com/search?q=")
            ? java.net.URLDecoder.decode(url.substring(url.indexOf("q=") + 2).split("&")[0],
                    java.nio.charset.StandardCharsets.UTF_8) : null;

    @TempDir
    Path dir;
    AgentHome home;
    HistoryCursors cursors;
    final List<BrowserProfile> present = new ArrayList<>();
    final ProfileDiscovery discovery = () -> List.copyOf(present);
    final Map<HistoryFormat, HistoryReader> readers = Map.of(
            HistoryFormat.CHROMIUM, new ChromiumHistoryReader(), HistoryFormat.FIREFOX, new FirefoxHistoryReader());

    @BeforeEach
    void agentHome() throws IOException {
        home = new AgentHome(dir.resolve("agent"));
        home.create();
        cursors = HistoryCursors.open(home);
    }

    HistoryCollector collector(Clock clock) {
        return new HistoryCollector(discovery, readers, cursors, KINDS, GOOGLE_Q, home.state().resolve("scratch"),
                clock);
    }

    BrowserProfile chromium(String account, String name) {
        return new BrowserProfile("chrome", HistoryFormat.CHROMIUM, account, name,
                dir.resolve("home/" + account + "/.config/google-chrome/" + name + "/History"));
    }

    BrowserProfile firefox(String account, String name) {
        return new BrowserProfile("firefox", HistoryFormat.FIREFOX, account, name,
                dir.resolve("home/" + account + "/.mozilla/firefox/x1y2." + name + "/places.sqlite"));
    }

    @Test
    void everyVisitOfEveryProfileIsCollectedOnceAcrossCommits() throws Exception {
        BrowserProfile chrome = chromium("teacher", "Default");
        BrowserProfile fox = firefox("pupil", "default-esr");
        present.addAll(List.of(chrome, fox));
        try (FixtureDatabase c = FixtureDatabase.chromium(chrome.historyFile());
             FixtureDatabase f = FixtureDatabase.firefox(fox.historyFile())) {
            c.chromiumVisit("http://127.0.0.1/lesson", "Lesson Plan", T0, FixtureDatabase.TYPED);
            c.chromiumVisit("https://www.google.com/search?q=fractions", "fractions - Google Search",
                    T0.plusSeconds(1), 5);
            c.chromiumSearchTerm("https://www.google.com/search?q=fractions", "Fractions");
            f.firefoxVisit("https://www.google.com/search?q=volcano+facts&client=firefox-b-e", "volcano facts",
                    T0.plusSeconds(2), FixtureDatabase.FIREFOX_LINK);
            HistoryCollector collector = collector(LATER);

            Harvest first = collector.collect();
            Harvest uncommitted = collector.collect();
            collector.commit(uncommitted);
            Harvest nothingNew = collector.collect();
            collector.commit(nothingNew);
            c.chromiumVisit("http://127.0.0.1/after", "After Lunch", T0.plusSeconds(3600), 0);
            Harvest third = collector.collect();
            collector.commit(third);

            assertEquals(List.of(
                    new Visit(T0, "http://127.0.0.1/lesson", "Lesson Plan", "chrome", "Default", "teacher",
                            AccountKind.STAFF, "typed", null),
                    new Visit(T0.plusSeconds(1), "https://www.google.com/search?q=fractions",
                            "fractions - Google Search", "chrome", "Default", "teacher", AccountKind.STAFF,
                            "generated", "Fractions")), visitsOf(first, chrome));
            assertEquals(List.of(new Visit(T0.plusSeconds(2),
                    "https://www.google.com/search?q=volcano+facts&client=firefox-b-e", "volcano facts", "firefox",
                    "default-esr", "pupil", AccountKind.LEARNER, "link", "volcano facts")), visitsOf(first, fox));
            assertEquals(first.profiles(), uncommitted.profiles(), "until committed, the same visits are read again");
            assertEquals(0, nothingNew.visitCount());
            assertEquals(List.of("http://127.0.0.1/after"), visitsOf(third, chrome).stream().map(Visit::url).toList());
            assertEquals(0, third.visitCount() - 1);
            assertTrue(first.notices().isEmpty() && first.failures().isEmpty());
            assertEquals(List.of(), entries(home.state().resolve("scratch")), "no copy is left behind");
        }
    }

    @Test
    void corruptTruncatedEmptyAndWrongSchemaFilesAreEachReportedWhileOtherProfilesAreCollected() throws Exception {
        BrowserProfile good = chromium("teacher", "Default");
        BrowserProfile corrupt = chromium("pupil", "Default");
        BrowserProfile truncated = chromium("pupil", "Profile 1");
        BrowserProfile empty = chromium("pupil", "Profile 2");
        BrowserProfile wrongSchema = chromium("pupil", "Profile 3");
        BrowserProfile goodFox = firefox("pupil", "default-esr");
        BrowserProfile safari = new BrowserProfile("safari", HistoryFormat.SAFARI, "pupil", "Safari",
                dir.resolve("home/pupil/Library/Safari/History.db"));
        present.addAll(List.of(good, corrupt, truncated, empty, wrongSchema, goodFox, safari));
        try (FixtureDatabase c = FixtureDatabase.chromium(good.historyFile());
             FixtureDatabase f = FixtureDatabase.firefox(goodFox.historyFile())) {
            c.chromiumVisit("http://127.0.0.1/ok", "Still Collected", T0, 0);
            f.firefoxVisit("http://127.0.0.1/fox", "Fox Collected", T0, 1);
        }
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Files.createDirectories(corrupt.historyFile().getParent());
        Files.write(corrupt.historyFile(), noise);
        writeTruncated(truncated.historyFile());
        Files.createDirectories(empty.historyFile().getParent());
        Files.write(empty.historyFile(), new byte[0]);
        try (FixtureDatabase other = FixtureDatabase.firefox(wrongSchema.historyFile())) {
            other.firefoxVisit("http://127.0.0.1/misplaced", "Misplaced", T0, 1);
        }
        Files.createDirectories(safari.historyFile().getParent());
        Files.write(safari.historyFile(), new byte[100]);
        HistoryCollector collector = collector(LATER);

        Harvest harvest = collector.collect();
        collector.commit(harvest);
        Harvest again = collector.collect();

        assertEquals(List.of("Still Collected"), visitsOf(harvest, good).stream().map(Visit::title).toList());
        assertEquals(List.of("Fox Collected"), visitsOf(harvest, goodFox).stream().map(Visit::title).toList());
        assertEquals(5, harvest.failures().size());
        assertEquals(harvest.failures(), harvest.notices(), "each failure is a notice the first time");
        assertDetail(harvest, corrupt, "could not be read: the file is not an SQLite database at all (damaged,"
                + " encrypted or another kind of file), so it is not a Chromium History database (SQLite: ");
        assertDetail(harvest, truncated, "could not be read: the database is corrupt or cut short (truncated)");
        assertDetail(harvest, empty, "could not be read: the file is empty (0 bytes). Its history is not collected"
                + " until this is fixed: start the browser once so it repairs or recreates its history");
        assertDetail(harvest, wrongSchema, "could not be read: not a Chromium History database: it has no table"
                + " urls, no table visits.");
        assertDetail(harvest, safari, "could not be read: this agent has no reader for SAFARI history; update the"
                + " Nestguard agent to one that reads it");
        for (HistoryNotice notice : harvest.failures()) {
            assertEquals(HistoryNotice.Kind.UNREADABLE, notice.kind());
            assertEquals(LATER.instant(), notice.noticed());
        }
        assertEquals(5, again.failures().size(), "still failing");
        assertTrue(again.notices().isEmpty(), "but reported once, not at every collection");
        assertEquals(0, again.visitCount());
    }

    @Test
    void aValueLongerThanAnyBrowserWritesMakesItsProfileUnreadableAndLongTextsAreCutAsRead() throws Exception {
        // A learner can write their own History file: a title of megabytes once filled the agent's 24 MiB heap and
        // stopped the collection of every profile (HostileHistoryTest runs it in such a heap).
        BrowserProfile hostile = chromium("pupil", "Default");
        BrowserProfile longTexts = chromium("pupil", "Profile 1");
        BrowserProfile good = chromium("teacher", "Default");
        present.addAll(List.of(hostile, longTexts, good));
        String longUrl = "http://127.0.0.1/" + "p".repeat(3_000_000);
        try (FixtureDatabase h = FixtureDatabase.chromium(hostile.historyFile());
             FixtureDatabase l = FixtureDatabase.chromium(longTexts.historyFile());
             FixtureDatabase g = FixtureDatabase.chromium(good.historyFile())) {
            h.chromiumVisit("http://127.0.0.1/a", "x".repeat(ConsistentCopy.MAX_VALUE_BYTES + 1), T0, 0);
            l.chromiumVisit(longUrl, "\u00e9".repeat(5000), T0, 0);
            g.chromiumVisit("http://127.0.0.1/ok", "Still Collected", T0, 0);
        }

        Harvest harvest = collector(LATER).collect();

        assertDetail(harvest, hostile, "could not be read: it holds a value longer than 4 MiB, which no browser"
                + " writes (Chromium's longest URL is 2 MiB): the file was altered or damaged (SQLite: ");
        Visit cut = visitsOf(harvest, longTexts).get(0);
        assertEquals(longUrl.substring(0, TextCut.MAX_URL_CHARS) + " [cut by Nestguard: 3000017 characters]",
                cut.url());
        assertEquals("\u00e9".repeat(TextCut.MAX_TEXT_CHARS) + " [cut by Nestguard: 5000 characters]", cut.title());
        assertEquals(List.of("Still Collected"), visitsOf(harvest, good).stream().map(Visit::title).toList());
    }

    @Test
    void aHistoryFileThatIsALinkIsNotFollowed() throws Exception {
        // A learner links their profile's History to a teacher's: read as root, the teacher's visits would be
        // reported as the learner's, and a flag about a staff member would reach the DSL.
        BrowserProfile teacher = chromium("teacher", "Default");
        BrowserProfile pupil = chromium("pupil", "Default");
        present.addAll(List.of(teacher, pupil));
        try (FixtureDatabase t = FixtureDatabase.chromium(teacher.historyFile())) {
            t.chromiumVisit("http://127.0.0.1/staff-only", "Staff Only", T0, 0);
        }
        Files.createDirectories(pupil.historyFile().getParent());
        Files.createSymbolicLink(pupil.historyFile(), teacher.historyFile());

        Harvest harvest = collector(LATER).collect();

        assertEquals(List.of("Staff Only"), visitsOf(harvest, teacher).stream().map(Visit::title).toList());
        assertDetail(harvest, pupil, "could not be read: " + pupil.historyFile() + " is a symbolic link, which no"
                + " browser writes, so it is not followed");
    }

    @Test
    void aProfileThatIsReadableAgainAndFailsAgainIsReportedAgain() throws Exception {
        BrowserProfile profile = chromium("pupil", "Default");
        present.add(profile);
        Files.createDirectories(profile.historyFile().getParent());
        Files.write(profile.historyFile(), new byte[0]);
        HistoryCollector collector = collector(LATER);
        Harvest broken = collector.collect();
        collector.commit(broken);
        Files.delete(profile.historyFile());
        try (FixtureDatabase c = FixtureDatabase.chromium(profile.historyFile())) {
            c.chromiumVisit("http://127.0.0.1/fixed", "Fixed", T0, 0);
        }
        Harvest fixed = collector.collect();
        collector.commit(fixed);
        Files.write(profile.historyFile(), new byte[0]);
        Harvest brokenAgain = collector.collect();

        assertEquals(1, broken.notices().size());
        assertTrue(fixed.notices().isEmpty());
        assertEquals(List.of("Fixed"), visitsOf(fixed, profile).stream().map(Visit::title).toList());
        assertEquals(1, brokenAgain.notices().size());
    }

    @Test
    void clearedHistoryIsOneNoticeAndNewerVisitsAreCollected() throws Exception {
        BrowserProfile profile = chromium("pupil", "Default");
        present.add(profile);
        HistoryCollector collector = collector(LATER);
        try (FixtureDatabase c = FixtureDatabase.chromium(profile.historyFile())) {
            c.chromiumVisit("http://127.0.0.1/before", "Before", T0, 0);
            collector.commit(collector.collect());
            c.update("DELETE FROM visits");
            c.chromiumVisit("http://127.0.0.1/afterwards", "Afterwards", T0.plusSeconds(60), 0);
        }

        Harvest cleared = collector.collect();
        collector.commit(cleared);
        Harvest next = collector.collect();

        assertEquals(1, cleared.notices().size());
        HistoryNotice notice = cleared.notices().get(0);
        assertEquals(HistoryNotice.Kind.CLEARED, notice.kind());
        assertEquals("chrome", notice.browser());
        assertEquals("Default", notice.profile());
        assertEquals("pupil", notice.account());
        assertEquals(profile.historyFile() + " is no longer in it: history was cleared or visits deleted since the"
                + " previous collection", notice.detail().substring("the last visit collected from ".length()));
        assertEquals(List.of("Afterwards"), visitsOf(cleared, profile).stream().map(Visit::title).toList());
        assertTrue(next.notices().isEmpty());
        assertEquals(0, next.visitCount());
    }

    @Test
    void aRemovedProfileIsNoticedOnceAndItsHistoryIsNotCollectedTwiceWhenItReturns() throws Exception {
        BrowserProfile stays = firefox("pupil", "default-esr");
        BrowserProfile goes = chromium("pupil", "Profile 1");
        present.addAll(List.of(stays, goes));
        try (FixtureDatabase f = FixtureDatabase.firefox(stays.historyFile());
             FixtureDatabase c = FixtureDatabase.chromium(goes.historyFile())) {
            f.firefoxVisit("http://127.0.0.1/fox", "Fox", T0, 1);
            c.chromiumVisit("http://127.0.0.1/chrome", "Chrome", T0, 0);
        }
        HistoryCollector collector = collector(LATER);
        Harvest first = collector.collect();
        collector.commit(first);

        present.remove(goes);
        Harvest removed = collector.collect();
        collector.commit(removed);
        Harvest stillGone = collector.collect();
        collector.commit(stillGone);
        present.add(goes); // the home was only unmounted
        Harvest back = collector.collect();

        assertEquals(2, first.visitCount());
        assertEquals(1, removed.notices().size());
        HistoryNotice notice = removed.notices().get(0);
        assertEquals(HistoryNotice.Kind.PROFILE_REMOVED, notice.kind());
        assertEquals("Profile 1", notice.profile());
        assertTrue(notice.detail().startsWith(goes.historyFile() + " is gone:"), notice.detail());
        assertTrue(stillGone.notices().isEmpty(), "one notice, not one per collection");
        assertTrue(back.notices().isEmpty());
        assertEquals(0, back.visitCount(), "its visits were collected before it went");
    }

    @Test
    void cursorsSurviveARestartOfTheAgent() throws Exception {
        BrowserProfile profile = chromium("pupil", "Default");
        present.add(profile);
        try (FixtureDatabase c = FixtureDatabase.chromium(profile.historyFile())) {
            c.chromiumVisit("http://127.0.0.1/1", "One", T0, 0);
            HistoryCollector before = collector(LATER);
            before.commit(before.collect());
            c.chromiumVisit("http://127.0.0.1/2", "Two", T0.plusSeconds(1), 0);
        }
        cursors = HistoryCursors.open(home);

        Harvest afterRestart = collector(LATER).collect();

        assertEquals(List.of("Two"), visitsOf(afterRestart, profile).stream().map(Visit::title).toList());
    }

    @Test
    void onlyTheLatestHarvestCanBeCommitted() throws Exception {
        HistoryCollector collector = collector(LATER);
        Harvest older = collector.collect();
        Harvest newer = collector.collect();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> collector.commit(older));
        assertTrue(e.getMessage().startsWith("only the latest harvest can be committed"));
        collector.commit(newer);
        assertThrows(IllegalStateException.class, () -> collector.commit(newer));
    }

    @Test
    void visitsYoungerThanTheSettleTimeWaitForTheNextCollection() throws Exception {
        BrowserProfile profile = chromium("pupil", "Default");
        present.add(profile);
        Instant now = T0.plusSeconds(100);
        try (FixtureDatabase c = FixtureDatabase.chromium(profile.historyFile())) {
            c.chromiumVisit("http://127.0.0.1/old", "Old", now.minusSeconds(60), 0);
            c.chromiumVisit("http://127.0.0.1/young", "Young", now.minusSeconds(5), 0);
            c.chromiumVisit("http://127.0.0.1/future", "Clock Was Wrong", now.plus(Duration.ofDays(2)), 0);
        }
        HistoryCollector atNow = collector(Clock.fixed(now, ZoneOffset.UTC));
        Harvest first = atNow.collect();
        atNow.commit(first);
        HistoryCollector later = collector(Clock.fixed(now.plusSeconds(30), ZoneOffset.UTC));
        Harvest second = later.collect();

        assertEquals(List.of("Old"), visitsOf(first, profile).stream().map(Visit::title).toList());
        assertFalse(first.more(), "held back visits are not more to read at once");
        assertEquals(List.of("Young", "Clock Was Wrong"), visitsOf(second, profile).stream().map(Visit::title).toList());
    }

    @Test
    void moreVisitsThanOneReadTakesAreCollectedInRoundsExactlyOnce() throws Exception {
        BrowserProfile profile = chromium("pupil", "Default");
        present.add(profile);
        try (FixtureDatabase c = FixtureDatabase.chromium(profile.historyFile())) {
            for (int i = 0; i < 7; i++) {
                c.chromiumVisit("http://127.0.0.1/" + i, "Page " + i, T0.plusSeconds(i), 0);
            }
        }
        HistoryCollector collector = new HistoryCollector(discovery,
                Map.of(HistoryFormat.CHROMIUM, new ChromiumHistoryReader(3)), cursors, KINDS, GOOGLE_Q,
                home.state().resolve("scratch"), LATER);

        List<String> titles = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();
        Harvest harvest;
        do {
            harvest = collector.collect();
            visitsOf(harvest, profile).forEach(v -> titles.add(v.title()));
            more.add(harvest.more());
            collector.commit(harvest);
        } while (harvest.more());

        assertEquals(List.of("Page 0", "Page 1", "Page 2", "Page 3", "Page 4", "Page 5", "Page 6"), titles);
        assertEquals(List.of(true, true, false), more);
    }

    @Test
    void anUnchangedDatabaseIsNotCopiedOrReadAgain() throws Exception {
        BrowserProfile profile = chromium("pupil", "Default");
        present.add(profile);
        AtomicInteger reads = new AtomicInteger();
        HistoryReader counting = (Connection copy, ProfileCursor from) -> {
            reads.incrementAndGet();
            return new ChromiumHistoryReader().readAfter(copy, from);
        };
        HistoryCollector collector = new HistoryCollector(discovery, Map.of(HistoryFormat.CHROMIUM, counting),
                cursors, KINDS, GOOGLE_Q, home.state().resolve("scratch"), LATER);
        try (FixtureDatabase c = FixtureDatabase.chromium(profile.historyFile())) {
            c.chromiumVisit("http://127.0.0.1/1", "One", T0, 0);
            collector.commit(collector.collect());
            collector.commit(collector.collect());
            assertEquals(1, reads.get(), "the second collection saw the same files and read nothing");
            c.chromiumVisit("http://127.0.0.1/2", "Two", T0.plusSeconds(1), 0);
        }

        Harvest changed = collector.collect();

        assertEquals(2, reads.get());
        assertEquals(List.of("Two"), visitsOf(changed, profile).stream().map(Visit::title).toList());
    }

    @Test
    void aReaderThatThrowsUnexpectedlyFailsOnlyItsProfile() throws Exception {
        BrowserProfile fox = firefox("pupil", "default-esr");
        BrowserProfile chrome = chromium("pupil", "Default");
        present.addAll(List.of(chrome, fox));
        try (FixtureDatabase c = FixtureDatabase.chromium(chrome.historyFile());
             FixtureDatabase f = FixtureDatabase.firefox(fox.historyFile())) {
            c.chromiumVisit("http://127.0.0.1/c", "C", T0, 0);
            f.firefoxVisit("http://127.0.0.1/f", "F", T0, 1);
        }
        HistoryReader broken = (copy, from) -> {
            throw new IllegalStateException("bug in a reader");
        };
        HistoryCollector collector = new HistoryCollector(discovery, Map.of(HistoryFormat.CHROMIUM, broken,
                HistoryFormat.FIREFOX, new FirefoxHistoryReader()), cursors, KINDS, GOOGLE_Q,
                home.state().resolve("scratch"), LATER);

        Harvest harvest = collector.collect();

        assertEquals(List.of("F"), visitsOf(harvest, fox).stream().map(Visit::title).toList());
        assertEquals(1, harvest.failures().size());
        assertTrue(harvest.failures().get(0).detail().endsWith("unexpected IllegalStateException: bug in a reader."
                + " Report this to Nestguard support with the agent's log"), harvest.failures().get(0).detail());
        assertNull(visitsOf(harvest, chrome));
        assertEquals(List.of(), entries(home.state().resolve("scratch")));
    }

    /** A real Chromium History with thousands of visits, cut to 40% of its length as a failed copy or disk leaves it. */
    private static void writeTruncated(Path file) throws IOException {
        try (FixtureDatabase db = FixtureDatabase.chromium(file)) {
            db.connection().setAutoCommit(false);
            for (int i = 0; i < 3000; i++) {
                db.chromiumVisit("http://127.0.0.1/page/" + i + "/with/a/longer/path/to/fill/pages", "Page " + i,
                        T0.plusSeconds(i), 0);
            }
            db.connection().commit();
        } catch (java.sql.SQLException e) {
            throw new IOException(e);
        }
        try (RandomAccessFile cut = new RandomAccessFile(file.toFile(), "rw")) {
            cut.setLength(cut.length() * 2 / 5);
        }
    }

    private static void assertDetail(Harvest harvest, BrowserProfile profile, String expected) {
        HistoryNotice notice = harvest.failures().stream()
                .filter(n -> n.profile().equals(profile.name()) && n.account().equals(profile.account())
                        && n.browser().equals(profile.browser()))
                .findFirst().orElseThrow(() -> new AssertionError("no failure for " + profile.name()));
        String prefix = profile.historyFile() + " ";
        assertTrue(notice.detail().startsWith(prefix + expected), notice.detail());
    }

    static List<Visit> visitsOf(Harvest harvest, BrowserProfile profile) {
        return harvest.profiles().stream().filter(p -> p.profile().equals(profile)).findFirst()
                .map(ProfileHarvest::visits).orElse(null);
    }

    static List<Path> entries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.toList();
        }
    }
}
