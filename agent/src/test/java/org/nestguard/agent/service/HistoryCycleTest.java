package org.nestguard.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.classify.ListLibrary;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.history.BrowserProfile;
import org.nestguard.agent.history.CanaryHistory;
import org.nestguard.agent.history.ChromiumHistoryReader;
import org.nestguard.agent.history.HistoryCollector;
import org.nestguard.agent.history.HistoryCursors;
import org.nestguard.agent.history.HistoryFormat;
import org.nestguard.agent.history.SearchTerms;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.HistoryVisits;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.policy.Clause;
import org.nestguard.protocol.policy.HistoryRule;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.WireJson;

class HistoryCycleTest {
    private static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
    private static final List<Clause> CLAUSES = List.of(new Clause("7.3.2", "Checking browser history"));

    @TempDir
    Path dir;
    AgentHome home;
    Outbox outbox;
    CanaryHistory chrome;
    HistoryCycle cycle;

    @BeforeEach
    void open() throws Exception {
        home = new AgentHome(dir.resolve("agent"));
        home.create();
        outbox = Outbox.open(home.outbox(), OutboxConfig.defaults());
        // CanaryHistory writes Chromium's own schema: here it stands for a pupil's Chrome profile
        chrome = new CanaryHistory(dir.resolve("home/pupil-amy/.config/google-chrome/Default/History"));
        BrowserProfile profile = new BrowserProfile("chrome", HistoryFormat.CHROMIUM, "pupil-amy", "Default",
                chrome.historyFile());
        HistoryCursors cursors = HistoryCursors.open(home);
        ListLibrary lists = ListLibrary.bundled();
        cycle = new HistoryCycle(kinds -> new HistoryCollector(() -> List.of(profile),
                Map.of(HistoryFormat.CHROMIUM, new ChromiumHistoryReader()), cursors, kinds, new SearchTerms(),
                home.historyScratch(), Clock.systemUTC(), Duration.ZERO), lists::classifierFor, outbox,
                Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        outbox.close();
    }

    private static HistoryRule rule(HistoryRule.Upload upload) {
        return new HistoryRule(upload, upload == HistoryRule.Upload.ALL ? Period.ofDays(90) : null,
                Period.ofYears(6), null, List.of(), CLAUSES);
    }

    private void visits(int from, int count, int casinoAt) throws Exception {
        for (int i = from; i < from + count; i++) {
            boolean casino = i == casinoAt;
            chrome.append(casino ? "https://www.bet365.com/en/" : "https://www.bbc.co.uk/bitesize/page-" + i,
                    casino ? "Online casino - bet now" : "Bitesize page " + i, START.plusSeconds(60L * i));
        }
    }

    private List<Event> events(String type) throws Exception {
        List<Event> all = outbox.pending(10_000, 64L << 20);
        return all.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void allHistoryIsBatchedAndTheFlagCarriesTheVisitsAroundIt() throws Exception {
        visits(0, 520, 2);

        HistorySummary summary = cycle.run(rule(HistoryRule.Upload.ALL), account -> AccountKind.LEARNER);

        assertEquals(520, summary.visits());
        assertEquals(1, summary.flagged());
        List<Event> batches = events(HistoryVisits.TYPE);
        assertEquals(List.of(500, 20), batches.stream().map(e -> e.payload().get("visits").size()).toList());
        FlagRaised flag = WireJson.mapper().treeToValue(events(FlagRaised.TYPE).get(0).payload(), FlagRaised.class);
        assertEquals("https://www.bet365.com/en/", flag.visit().url());
        assertEquals(AccountKind.LEARNER, flag.visit().accountKind());
        assertEquals("gambling", flag.flags().get(0).category());
        assertEquals(List.of("https://www.bbc.co.uk/bitesize/page-0", "https://www.bbc.co.uk/bitesize/page-1"),
                flag.before().stream().map(Visit::url).toList());
        assertEquals(FlagRaised.CONTEXT, flag.after().size());
        assertEquals("https://www.bbc.co.uk/bitesize/page-3", flag.after().get(0).url());
        assertNull(flag.selfTestId());
    }

    @Test
    void onlyFlagsLeaveWhenThePolicySaysFlaggedAndContextSpansCollections() throws Exception {
        visits(0, 8, -1);
        cycle.run(rule(HistoryRule.Upload.FLAGGED), account -> AccountKind.STAFF);
        visits(8, 3, 8);

        HistorySummary second = cycle.run(rule(HistoryRule.Upload.FLAGGED), account -> AccountKind.STAFF);

        assertEquals(3, second.visits(), "each visit collected once");
        assertEquals(List.of(), events(HistoryVisits.TYPE));
        FlagRaised flag = WireJson.mapper().treeToValue(events(FlagRaised.TYPE).get(0).payload(), FlagRaised.class);
        assertEquals(AccountKind.STAFF, flag.visit().accountKind());
        List<String> before = flag.before().stream().map(Visit::url).toList();
        assertEquals(FlagRaised.CONTEXT, before.size(), "the previous collection's last visits: " + before);
        assertEquals("https://www.bbc.co.uk/bitesize/page-7", before.get(before.size() - 1));
        assertEquals(2, flag.after().size());
    }

    @Test
    void aHugeUrlIsCutWithAMarkerSoTheVisitStillFitsAnEvent() throws Exception {
        String data = "data:text/html," + "a".repeat(3_000_000);
        chrome.append(data, "", START);

        cycle.run(rule(HistoryRule.Upload.ALL), account -> AccountKind.LEARNER);

        String url = events(HistoryVisits.TYPE).get(0).payload().at("/visits/0/url").asText();
        assertTrue(url.length() < 20_000, "cut to " + url.length());
        assertTrue(url.endsWith("[cut by Nestguard: 3000015 characters]"), url.substring(url.length() - 60));
    }

    @Test
    void profileNoticesAreRecorded() throws Exception {
        visits(0, 1, -1);
        cycle.run(rule(HistoryRule.Upload.FLAGGED), account -> AccountKind.LEARNER);
        java.nio.file.Files.delete(chrome.historyFile());
        java.nio.file.Files.writeString(chrome.historyFile(), "not a database at all");

        HistorySummary summary = cycle.run(rule(HistoryRule.Upload.FLAGGED), account -> AccountKind.LEARNER);

        assertEquals(1, summary.failures());
        List<Event> notices = events("history-notice");
        assertEquals(1, notices.size());
        assertEquals("unreadable", notices.get(0).payload().get("kind").asText());
        List<String> details = new ArrayList<>();
        notices.forEach(n -> details.add(n.payload().get("detail").asText()));
        assertTrue(details.get(0).length() > 20, details.toString());
    }
}
