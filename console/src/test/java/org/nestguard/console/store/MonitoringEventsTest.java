package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nestguard.console.store.MonitoringFixture.flag;
import static org.nestguard.console.store.MonitoringFixture.learner;
import static org.nestguard.console.store.MonitoringFixture.notice;
import static org.nestguard.console.store.MonitoringFixture.visits;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.wire.Event;

class MonitoringEventsTest extends MonitoringTestBase {

    @StoreTest
    void aReSentBatchIsProjectedExactlyOnce(StoreKind kind) {
        openMonitoring(kind);
        Visit gambling = learner(2, "https://www.bet365.com/");
        Event[] batch = {
            visits(1, learner(1, "https://www.bbc.co.uk/bitesize"), gambling, learner(3, "https://kids.example.org/")),
            flag(2, "flag-1", gambling, Severity.MEDIUM, "gambling"),
            notice(3, HistoryNotice.Kind.CLEARED, "pupil1", 4)};

        assertEquals(3, checkIn(allDevice, batch).highestSequence());
        assertEquals(3, checkIn(allDevice, batch).highestSequence(), "the same batch again");
        assertEquals(4, checkIn(allDevice, batch[1], batch[2], visits(4, learner(5, "https://maths.example/")))
                .highestSequence(), "an overlapping batch");

        assertEquals(4, count("SELECT COUNT(*) FROM visits"), "three, the flagged one once, and one new");
        assertEquals(1, count("SELECT COUNT(*) FROM flags"));
        assertEquals(1, count("SELECT COUNT(*) FROM flag_categories"));
        assertEquals(1, count("SELECT COUNT(*) FROM history_notices"));
        assertEquals(8, count("SELECT COUNT(*) FROM visit_domains"), "each once: www.bbc.co.uk, bbc.co.uk, co.uk, "
                + "www.bet365.com, bet365.com, kids.example.org, example.org, maths.example");
    }

    @StoreTest
    void aFlaggedVisitIsOneVisitWhicheverCopyArrivesFirst(StoreKind kind) {
        openMonitoring(kind);
        Visit gambling = learner(2, "https://www.bet365.com/");
        checkIn(allDevice, flag(1, "flag-1", gambling, Severity.MEDIUM, "gambling"));
        assertEquals(1, count("SELECT COUNT(*) FROM visits"), "stored from the flag: the setting uploads all");
        checkIn(allDevice, visits(2, learner(1, "https://www.bbc.co.uk/"), gambling));
        assertEquals(2, count("SELECT COUNT(*) FROM visits"), "the batch's copy is the same row");

        HistoryPage page = history.search(dsl(), new HistoryQuery(null, null, null, null, null, "gambling", 10, null));
        assertEquals(List.of("https://www.bet365.com/"), page.visits().stream().map(HistoryVisit::url).toList());
        assertEquals(List.of("gambling"), page.visits().get(0).categories());
    }

    @StoreTest
    void withUploadFlaggedTheFlaggedVisitStaysInItsFlagOnly(StoreKind kind) {
        openMonitoring(kind);
        checkIn(flaggedDevice, flag(1, "flag-1", MonitoringFixture.staff(1, "https://poker.example/", "jsmith"),
                Severity.MEDIUM, "gambling"));
        assertEquals(0, count("SELECT COUNT(*) FROM visits"));
        assertEquals(1, count("SELECT COUNT(*) FROM flags"));
        assertEquals("staff", database.read(connection -> {
            try (var statement = connection.createStatement();
                 var row = statement.executeQuery("SELECT account_kind FROM flags")) {
                row.next();
                return row.getString(1);
            }
        }));
    }

    @StoreTest
    void aSettingWithoutAHistoryRuleStillKeepsWhatArrives(StoreKind kind) {
        openMonitoring(kind);
        checkIn(uncoveredDevice, visits(1, learner(1, "https://a.example/")),
                flag(2, "flag-1", learner(2, "https://b.example/"), Severity.HIGH, "violence"));
        assertEquals(1, count("SELECT COUNT(*) FROM visits"), "a batch is stored; the flag's copy is not");
        assertEquals(1, count("SELECT COUNT(*) FROM flags"));
        assertTrue(retention.holdings().stream().anyMatch(h -> h.settingId().equals(MonitoringFixture.NO_HISTORY)
                && h.visits() && h.flags()));
    }

    @StoreTest
    void aPayloadThatIsNotItsRecordRefusesTheWholeCheckInNamingSequenceAndField(StoreKind kind) {
        openMonitoring(kind);
        Event good = visits(1, learner(1, "https://a.example/"));
        Event bad = flag(2, "flag-1", learner(2, "https://b.example/"), Severity.HIGH, "violence");
        ((ObjectNode) bad.payload().get("visit")).remove("time");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> checkIn(allDevice, good, bad));
        assertTrue(missing.getMessage().startsWith("event 2 (flag) is not a valid FlagRaised at visit: "),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("'time'"), missing.getMessage());

        Event wrongKind = visits(1, learner(1, "https://a.example/"));
        ((ObjectNode) wrongKind.payload().get("visits").get(0)).put("accountKind", "child");
        IllegalArgumentException kindRefused = assertThrows(IllegalArgumentException.class,
                () -> checkIn(allDevice, wrongKind));
        assertTrue(kindRefused.getMessage().contains("event 1 (history-visits)")
                && kindRefused.getMessage().contains("visits[0].accountKind"), kindRefused.getMessage());

        Event tooLong = visits(1, MonitoringFixture.visit(1, "https://a.example/", "x".repeat(201),
                AccountKind.LEARNER));
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> checkIn(allDevice, tooLong));
        assertTrue(length.getMessage().contains("visits[0].account of 201 characters"), length.getMessage());

        assertEquals(0, count("SELECT COUNT(*) FROM events"), "nothing of a refused check-in is kept");
        assertEquals(0, count("SELECT COUNT(*) FROM visits"));
        assertEquals(0, count("SELECT COUNT(*) FROM flags"));
    }

    @StoreTest
    void aNoticeTakesTheAccountKindFromTheAccountsVisits(StoreKind kind) {
        openMonitoring(kind);
        checkIn(allDevice, visits(1, MonitoringFixture.staff(1, "https://news.example/", "JSmith")),
                notice(2, HistoryNotice.Kind.CLEARED, "jsmith", 5), notice(3, HistoryNotice.Kind.CLEARED, "nobody", 6));
        assertEquals(1, count("SELECT COUNT(*) FROM history_notices WHERE account_kind = 'staff'"));
        assertEquals(1, count("SELECT COUNT(*) FROM history_notices WHERE account_kind IS NULL"));
    }

    @StoreTest
    void theSelfTestCanaryVisitIsNotHistory(StoreKind kind) {
        openMonitoring(kind);
        checkIn(allDevice, visits(1, learner(1, org.nestguard.protocol.monitoring.SelfTest.url("abc")),
                learner(2, "https://a.example/")));
        assertEquals(1, count("SELECT COUNT(*) FROM visits"));
    }
}
