package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nestguard.console.store.MonitoringFixture.T0;
import static org.nestguard.console.store.MonitoringFixture.flag;
import static org.nestguard.console.store.MonitoringFixture.learner;
import static org.nestguard.console.store.MonitoringFixture.notice;
import static org.nestguard.console.store.MonitoringFixture.staff;
import static org.nestguard.console.store.MonitoringFixture.visit;
import static org.nestguard.console.store.MonitoringFixture.visits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;

class HistoryTest extends MonitoringTestBase {
    private String otherDevice;

    private void seed(StoreKind kind) {
        openMonitoring(kind);
        otherDevice = devices.enrol(MonitoringFixture.UPLOADS_ALL, DevicesTest.laptop("class-2", "SER-9", "u9"), "s9")
                .deviceId();
        Visit bet = learner(4, "https://www.bet365.com/");
        checkIn(allDevice, visits(1, learner(1, "https://www.bbc.co.uk/bitesize"), learner(2, "https://news.bbc.co.uk/"),
                        learner(3, "https://notbbc.co.uk/"), bet, learner(5, "https://kids.example.org/")),
                flag(2, "flag-1", bet, Severity.MEDIUM, "gambling"),
                visits(3, staff(7, "https://staff.example/", "jsmith")));
        checkIn(otherDevice, visits(1, visit(6, "https://www.bbc.co.uk/", "Pupil2", AccountKind.LEARNER)));
    }

    private List<String> urls(Person reader, HistoryQuery query) {
        return history.search(reader, query).visits().stream().map(HistoryVisit::url).toList();
    }

    private static HistoryQuery all() {
        return new HistoryQuery(null, null, null, null, null, null, 100, null);
    }

    @StoreTest
    void searchFiltersByDeviceAccountTimeDomainAndCategory(StoreKind kind) {
        seed(kind);
        Person dsl = dsl();
        assertEquals(List.of("https://www.bbc.co.uk/", "https://kids.example.org/", "https://www.bet365.com/",
                "https://notbbc.co.uk/", "https://news.bbc.co.uk/", "https://www.bbc.co.uk/bitesize"),
                urls(dsl, all()), "learner history, newest first");
        assertEquals(List.of("https://www.bbc.co.uk/", "https://news.bbc.co.uk/", "https://www.bbc.co.uk/bitesize"),
                urls(dsl, new HistoryQuery(null, null, null, null, "bbc.co.uk", null, 100, null)),
                "the domain and its subdomains, not notbbc.co.uk");
        assertEquals(urls(dsl, new HistoryQuery(null, null, null, null, "bbc.co.uk", null, 100, null)),
                urls(dsl, new HistoryQuery(null, null, null, null, "https://BBC.co.uk./", null, 100, null)));
        assertEquals(List.of("https://www.bbc.co.uk/"),
                urls(dsl, new HistoryQuery(null, "PUPIL2", null, null, null, null, 100, null)), "any case");
        assertEquals(List.of("https://www.bbc.co.uk/"),
                urls(dsl, new HistoryQuery(otherDevice, null, null, null, null, null, 100, null)));
        assertEquals(List.of("https://www.bet365.com/", "https://notbbc.co.uk/", "https://news.bbc.co.uk/"),
                urls(dsl, new HistoryQuery(null, null, T0.plus(Duration.ofMinutes(2)), T0.plus(Duration.ofMinutes(5)),
                        null, null, 100, null)), "from is inclusive, to exclusive");
        HistoryPage gambling = history.search(dsl, new HistoryQuery(null, null, null, null, null, "gambling", 100,
                null));
        assertEquals(List.of("https://www.bet365.com/"), gambling.visits().stream().map(HistoryVisit::url).toList());
        assertEquals("class-1", gambling.visits().get(0).hostname());
        assertEquals(List.of(), urls(dsl, new HistoryQuery(null, null, null, null, "co", null, 100, null)),
                "a one-label domain matches only that exact host");

        IllegalArgumentException domain = assertThrows(IllegalArgumentException.class,
                () -> new HistoryQuery(null, null, null, null, "a b", null, 100, null));
        assertTrue(domain.getMessage().contains("example.com"), domain.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HistoryQuery(null, null, T0, T0, null, null, 10, null));
        IllegalArgumentException cursor = assertThrows(IllegalArgumentException.class,
                () -> history.search(dsl, new HistoryQuery(null, null, null, null, null, null, 10, "page-2")));
        assertTrue(cursor.getMessage().contains("'next' value"), cursor.getMessage());
    }

    @StoreTest
    void pagesAreNewestFirstWithoutGapsOrRepeatsEvenWhenVisitsShareATime(StoreKind kind) {
        openMonitoring(kind);
        List<Visit> batch = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            batch.add(learner(i / 3, "https://site" + i + ".example/"));
        }
        checkIn(allDevice, visits(1, batch.toArray(Visit[]::new)));
        Person dsl = dsl();
        List<String> whole = urls(dsl, all());
        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            HistoryPage page = history.search(dsl, new HistoryQuery(null, null, null, null, null, null, 2, next));
            page.visits().forEach(v -> paged.add(v.url()));
            next = page.next();
            pages++;
        } while (next != null);
        assertEquals(9, whole.size());
        assertEquals(whole, paged);
        assertEquals(5, pages);
        assertNull(history.search(dsl, new HistoryQuery(null, null, null, null, null, null, 9, null)).next(),
                "no next page when everything fitted");
    }

    @StoreTest
    void learnerHistoryGoesToTheDslAndStaffHistoryToLeadershipButNeverToItsOwner(StoreKind kind) {
        seed(kind);
        String setting = MonitoringFixture.UPLOADS_ALL;
        Person jane = person("Jane Smith", setting, List.of("JSmith"), Role.DSL, Role.MANAGER);
        Person head = person("Harriet Head", setting, List.of("hhead"), Role.HEADTEACHER);
        Person deputy = person("Dee Deputy", setting, List.of(), Role.DEPUTY_DSL);
        Person otherDsl = person("Other DSL", MonitoringFixture.UPLOADS_FLAGGED, List.of(), Role.DSL);
        Person admin = person("Admin", null, List.of(), Role.ADMIN, Role.TECHNICAL);

        assertEquals(List.of("https://staff.example/"), urls(manager(), all()));
        assertEquals(List.of("https://staff.example/"), urls(head, all()));
        assertEquals(6, urls(deputy, all()).size());
        assertEquals(6, urls(jane, all()).size(), "Jane sees the learners' history as DSL...");
        assertTrue(urls(jane, all()).stream().noneMatch(url -> url.contains("staff.example")),
                "...but never her own account's, though she is a manager too");
        assertEquals(List.of(), urls(jane, new HistoryQuery(null, "jsmith", null, null, null, null, 100, null)));
        assertEquals(List.of(), urls(otherDsl, all()), "another setting's DSL sees none of this setting");
        assertEquals(List.of(), urls(admin, all()), "the administrator reads no history");
    }

    @StoreTest
    void everySearchIsAuditedWithWhoItsQueryAndHowManyRows(StoreKind kind) {
        seed(kind);
        Person dsl = dsl();
        history.search(dsl, new HistoryQuery(null, "pupil1", null, null, "bbc.co.uk", null, 50, null));
        Person admin = person("Admin", null, List.of(), Role.ADMIN);
        // making the test's accounts is audited too: this test is about the search's entry
        AuditEntry entry = audit.read(admin, null, null, 10, null).entries().stream()
                .filter(e -> !e.action().startsWith("account.")).findFirst().orElseThrow();
        assertEquals("history.search", entry.action());
        assertEquals(dsl.name(), entry.actor());
        assertEquals(dsl.id(), entry.actorId());
        assertEquals("account=pupil1; domain=bbc.co.uk; limit=50; rows=2", entry.detail());
        assertEquals(MonitoringFixture.UPLOADS_ALL, entry.settingId());
        assertEquals(clock.instant(), entry.at());
    }

    @StoreTest
    void noticesFollowTheAccountTheyAreAbout(StoreKind kind) {
        seed(kind);
        checkIn(allDevice, notice(4, HistoryNotice.Kind.CLEARED, "pupil1", 8),
                notice(5, HistoryNotice.Kind.PROFILE_REMOVED, "jsmith", 9),
                notice(6, HistoryNotice.Kind.UNREADABLE, "someone", 10));
        Person jane = person("Jane Smith", MonitoringFixture.UPLOADS_ALL, List.of("jsmith"), Role.DSL, Role.MANAGER);
        assertEquals(List.of("someone", "pupil1"), history.notices(dsl(), null, null, null, 10).stream()
                .map(StoredNotice::account).toList(), "learner's and unknown kind's");
        assertEquals(List.of("someone", "jsmith"), history.notices(manager(), null, null, null, 10).stream()
                .map(StoredNotice::account).toList(), "staff's and unknown kind's");
        assertEquals(List.of("someone", "pupil1"), history.notices(jane, null, null, null, 10).stream()
                .map(StoredNotice::account).toList(), "never her own");
        assertEquals(List.of("someone"), history.unreadableSince(clock.instant().minus(Duration.ofDays(1))).stream()
                .map(StoredNotice::account).toList());
    }
}
