package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.Visit;

/**
 * Real Chromium and Firefox ESR browse pages served on 127.0.0.1 and a search engine mapped there; the agent's
 * collector, with the Linux discovery over a host root holding the browser's profile, collects every visit exactly
 * once with its URL, title and time, while the browser is still running and again after it exits.
 */
class RealBrowserHistoryTest {
    /** How long a visit may take to reach the collector: Chromium's 10 s commit plus the 15 s settle time. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration TIME_TOLERANCE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    /** A page visit the test made and expects the collector to report. */
    record Expected(String url, String title, String transition, String searchTerms, Instant from, Instant to) {
    }

    @Test
    void chromiumVisitsAreCollectedOnceWhileItRunsAndAfterItExits() throws Exception {
        assumeTrue(Files.isExecutable(ChromiumDriver.BINARY),
                "/usr/bin/chromium is missing: install the Debian package chromium to run this test");
        Path root = dir.resolve("root");
        Path userData = root.resolve("home/tester/.config/chromium");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (LocalSites sites = new LocalSites();
             ChromiumDriver browser = ChromiumDriver.start(userData, sites.searchPort(), dir.resolve("chromium.log"))) {
            // No query extraction from URLs: the search's terms must come from Chromium's keyword_search_terms.
            HistoryCollector collector = collector(root, url -> null);
            List<Expected> expected = new ArrayList<>();
            String[][] pages = {{"pond-life", "typed"}, {"volcanoes", "link"}, {"times-tables", "link"},
                {"kings-and-queens", "auto_bookmark"}, {"rainforest", "typed"}};
            for (String[] page : pages) {
                String title = "Nestguard " + page[0] + " " + run;
                String url = sites.page("/" + run + "/" + page[0], title);
                Instant from = Instant.now();
                browser.navigate(url, page[1]);
                assertEquals(title, browser.title());
                expected.add(new Expected(url, title, chromiumTransition(page[1]), null, from, Instant.now()));
            }
            String query = "nestguard frog spawn " + run;
            String search = "https://" + LocalSites.SEARCH_HOST + "/search?q=" + query.replace(' ', '+');
            Instant from = Instant.now();
            browser.navigate(search, "typed");
            assertEquals(query + " - Google Search", browser.title(), "the search went to the local TLS server");
            expected.add(new Expected(search, query + " - Google Search", "typed", query, from, Instant.now()));

            List<Visit> whileRunning = collectUntil(collector, expected, "Chromium", browser::log, sites);
            assertTrue(browser.isRunning(), "these visits were collected while Chromium ran");

            for (String[] page : new String[][] {{"after-lunch", "typed"}, {"home-time", "link"}}) {
                String title = "Nestguard " + page[0] + " " + run;
                String url = sites.page("/" + run + "/" + page[0], title);
                Instant start = Instant.now();
                browser.navigate(url, page[1]);
                expected.add(new Expected(url, title, page[1], null, start, Instant.now()));
            }
            browser.quit();
            List<Visit> afterExit = collectUntil(collector, expected.subList(6, 8), "Chromium", browser::log, sites);

            assertCollectedOnce(expected, whileRunning, afterExit, collector, "chromium", "Default");
        }
    }

    @Test
    void firefoxVisitsAreCollectedOnceWhileItRunsAndAfterItExits() throws Exception {
        assumeTrue(Files.isExecutable(FirefoxDriver.BINARY),
                "/usr/bin/firefox-esr is missing: install the Debian package firefox-esr to run this test");
        Path root = dir.resolve("root");
        Path firefox = root.resolve("home/tester/.mozilla/firefox");
        Path profile = firefox.resolve("t3st1ng.default-esr");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (LocalSites sites = new LocalSites()) {
            Files.createDirectories(profile);
            Files.writeString(firefox.resolve("profiles.ini"), "[Profile0]\nName=default-esr\nIsRelative=1\n"
                    + "Path=t3st1ng.default-esr\nDefault=1\n\n[General]\nStartWithLastProfile=1\nVersion=2\n");
            Files.writeString(profile.resolve("user.js"), FirefoxDriver.userJs(sites.proxyPort()));
            try (FirefoxDriver browser = FirefoxDriver.start(profile, dir.resolve("firefox.log"))) {
                HistoryCollector collector = collector(root, HistoryCollectorTest.GOOGLE_Q);
                List<Expected> expected = new ArrayList<>();
                for (String page : List.of("pond-life", "volcanoes", "times-tables", "kings-and-queens", "rainforest")) {
                    String title = "Nestguard " + page + " " + run;
                    String url = sites.page("/" + run + "/" + page, title);
                    Instant from = Instant.now();
                    browser.navigate(url);
                    assertEquals(title, browser.title());
                    expected.add(new Expected(url, title, "link", null, from, Instant.now()));
                }
                String query = "nestguard frog spawn " + run;
                String search = "https://" + LocalSites.SEARCH_HOST + "/search?q=" + query.replace(' ', '+');
                Instant from = Instant.now();
                browser.navigate(search);
                assertEquals(query + " - Google Search", browser.title(), "the search went to the local TLS server");
                expected.add(new Expected(search, query + " - Google Search", "link", query, from, Instant.now()));

                List<Visit> whileRunning = collectUntil(collector, expected, "Firefox", browser::log, sites);
                assertTrue(browser.isRunning(), "these visits were collected while Firefox ran");

                for (String page : List.of("after-lunch", "home-time")) {
                    String title = "Nestguard " + page + " " + run;
                    String url = sites.page("/" + run + "/" + page, title);
                    Instant start = Instant.now();
                    browser.navigate(url);
                    expected.add(new Expected(url, title, "link", null, start, Instant.now()));
                }
                browser.quit();
                List<Visit> afterExit = collectUntil(collector, expected.subList(6, 8), "Firefox", browser::log,
                        sites);

                assertCollectedOnce(expected, whileRunning, afterExit, collector, "firefox", "default-esr");
            }
        }
    }

    private HistoryCollector collector(Path root, QueryExtractor queries) throws Exception {
        AgentHome agent = new AgentHome(dir.resolve("agent"));
        agent.create();
        return new HistoryCollector(new LinuxProfileDiscovery(new HostRoot(root)),
                Map.of(HistoryFormat.CHROMIUM, new ChromiumHistoryReader(),
                        HistoryFormat.FIREFOX, new FirefoxHistoryReader()),
                HistoryCursors.open(agent), account -> AccountKind.LEARNER, queries,
                agent.state().resolve("history-scratch"), Clock.systemUTC());
    }

    private final List<HistoryNotice> notices = new ArrayList<>();

    /** Collects and commits every second until every expected URL has been seen, or fails after PATIENCE. */
    private List<Visit> collectUntil(HistoryCollector collector, List<Expected> expected, String browser,
                                     java.util.function.Supplier<String> log, LocalSites sites) throws Exception {
        Set<String> wanted = new HashSet<>();
        expected.forEach(e -> wanted.add(e.url()));
        List<Visit> collected = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Harvest harvest = collector.collect();
            harvest.profiles().forEach(p -> collected.addAll(p.visits()));
            notices.addAll(harvest.notices());
            collector.commit(harvest);
            Set<String> seen = new HashSet<>();
            collected.forEach(v -> seen.add(v.url()));
            if (seen.containsAll(wanted)) {
                return collected;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(browser + ": after " + PATIENCE.toSeconds() + " s the collector had "
                        + collected + " and notices " + notices + "; failures " + harvest.failures()
                        + "; requests " + sites.requests + "; browser log:\n" + log.get());
            }
            Thread.sleep(1000);
        }
    }

    private void assertCollectedOnce(List<Expected> expected, List<Visit> whileRunning, List<Visit> afterExit,
                                     HistoryCollector collector, String browser, String profile) throws Exception {
        Harvest last = collector.collect();
        collector.commit(last);
        notices.addAll(last.notices());
        List<Visit> all = new ArrayList<>(whileRunning);
        all.addAll(afterExit);
        all.addAll(last.profiles().stream().flatMap(p -> p.visits().stream()).toList());

        assertEquals(expected.stream().map(Expected::url).toList(), all.stream().map(Visit::url).toList(),
                "every visit exactly once, in order, across collections while running, after exit and once more");
        for (int i = 0; i < expected.size(); i++) {
            Expected want = expected.get(i);
            Visit got = all.get(i);
            assertEquals(want.title(), got.title(), got.url());
            assertEquals(want.transition(), got.transition(), got.url());
            assertEquals(want.searchTerms(), got.searchTerms(), got.url());
            assertEquals(browser, got.browser());
            assertEquals(profile, got.profile());
            assertEquals("tester", got.account());
            assertTrue(!got.time().isBefore(want.from().minus(TIME_TOLERANCE))
                    && !got.time().isAfter(want.to().plus(TIME_TOLERANCE)),
                    got.url() + " at " + got.time() + ", visited between " + want.from() + " and " + want.to());
        }
        assertEquals(List.of(), notices, "no profile was unreadable, cleared or removed");
    }

    private static String chromiumTransition(String devtoolsType) {
        return devtoolsType.equals("auto_bookmark") ? "bookmark" : devtoolsType;
    }
}
