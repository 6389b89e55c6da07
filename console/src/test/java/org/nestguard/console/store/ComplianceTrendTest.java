package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nestguard.console.compliance.ControlCompliance;
import org.nestguard.console.compliance.SettingCompliance;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.jobs.ComplianceDayJob;
import org.nestguard.protocol.wire.Event;

/**
 * A setting's latest results in one query, and the daily compliance record rebuilt from stored check results, on
 * both stores.
 */
class ComplianceTrendTest extends StoreTestBase {
    private Devices devices;
    private Events events;
    private ComplianceDays days;
    private ComplianceDayJob job;
    private String a;
    private String b;
    private String elsewhere;
    private LatestResults projection;

    private void open(StoreKind kind, boolean enrolFirst) {
        Database database = open(kind);
        Settings settings = new Settings(database, clock);
        settings.add("ditton-junior", "Ditton CE Junior School");
        settings.add("teynham", "Teynham Pre-School");
        devices = new Devices(database, clock);
        events = new Events(database, clock);
        projection = new LatestResults(database);
        days = new ComplianceDays(database, clock);
        job = new ComplianceDayJob(settings, new Fleets(devices, projection), devices, events, days, clock);
        if (enrolFirst) {
            enrol();
        }
    }

    private void enrol() {
        a = devices.enrol("ditton-junior", DevicesTest.laptop("A", "SER-A", "uuid-a"), "s1").deviceId();
        b = devices.enrol("ditton-junior", DevicesTest.laptop("B", "SER-B", "uuid-b"), "s2").deviceId();
        elsewhere = devices.enrol("teynham", DevicesTest.laptop("C", "SER-C", "uuid-c"), "s3").deviceId();
    }

    private static Event result(long sequence, String control, String status, Instant at) {
        return new Event(sequence, at, Events.CHECK_RESULT, JsonNodeFactory.instance.objectNode()
                .put("control", control).put("status", status));
    }

    @StoreTest
    void theSettingsLatestResultsComeInOneQueryAndCountUnknownForDevicesWithoutOne(StoreKind kind) {
        open(kind, true);
        Instant now = clock.instant();
        events.append(a, List.of(result(1, "encryption", "FAIL", now), result(2, "encryption", "PASS", now),
                result(3, "screen-lock", "FAIL", now)));
        events.append(elsewhere, List.of(result(1, "firewall", "FAIL", now)));

        List<StoredEvent> latest = events.latestResultsIn("ditton-junior");
        assertEquals(List.of("encryption PASS", "screen-lock FAIL"), latest.stream().map(e -> e.control() + " "
                + e.payload().get("status").asText()).toList(), "newest per control, of this setting only");

        Fleets fleets = new Fleets(devices, projection);
        SettingCompliance compliance = fleets.compliance("ditton-junior");
        assertEquals(2, compliance.devices());
        assertEquals(List.of(new ControlCompliance("encryption", 1, 0, 1, 0),
                new ControlCompliance("screen-lock", 0, 1, 1, 0)), compliance.controls(), "B has no result: unknown");
        assertEquals(List.of("screen-lock " + a), fleets.failing(compliance, 50).stream()
                .flatMap(control -> control.shown().stream().map(f -> control.control() + " " + f.device().id()))
                .toList());
        assertEquals(50, compliance.controls().get(0).passingPercent());
    }

    @StoreTest
    void pastDaysAreRebuiltFromStoredResultsOnceAndTodayFollowsTheLatest(StoreKind kind) {
        open(kind, true);
        Instant enrolled = clock.instant();
        clock.advance(Duration.ofDays(4));
        events.append(a, List.of(result(1, "encryption", "FAIL", enrolled.plus(Duration.ofDays(1))),
                result(2, "encryption", "PASS", enrolled.plus(Duration.ofDays(3)))));
        events.append(b, List.of(result(1, "encryption", "PASS", enrolled.plus(Duration.ofDays(2)))));

        assertEquals(3, job.runOnce(), "the three days since the first result");
        LocalDate today = job.today();
        List<ComplianceDay> recorded = days.between("ditton-junior", today.minusDays(29), today);
        assertEquals(List.of(
                new ComplianceDay(today.minusDays(3), "encryption", 0, 1, 1, 0),
                new ComplianceDay(today.minusDays(2), "encryption", 1, 1, 0, 0),
                new ComplianceDay(today.minusDays(1), "encryption", 2, 0, 0, 0),
                new ComplianceDay(today, "encryption", 2, 0, 0, 0)), recorded);
        assertEquals(List.of(), days.between("teynham", today.minusDays(29), today), "its device never reported");

        events.append(b, List.of(result(2, "encryption", "FAIL", clock.instant())));
        assertEquals(0, job.runOnce(), "recorded days are kept as they were");
        assertEquals(new ComplianceDay(today, "encryption", 1, 1, 0, 0),
                days.between("ditton-junior", today, today).get(0), "today is rewritten from the latest results");
    }

    @StoreTest
    void aDayCountsOnlyTheDevicesEnrolledByItsEnd(StoreKind kind) {
        open(kind, false);
        Instant start = clock.instant();
        a = devices.enrol("ditton-junior", DevicesTest.laptop("A", "SER-A", "uuid-a"), "s1").deviceId();
        events.append(a, List.of(result(1, "encryption", "PASS", start)));
        clock.advance(Duration.ofDays(2));
        b = devices.enrol("ditton-junior", DevicesTest.laptop("B", "SER-B", "uuid-b"), "s2").deviceId();
        clock.advance(Duration.ofDays(1));
        job.runOnce();
        LocalDate today = job.today();
        assertEquals(List.of(
                new ComplianceDay(today.minusDays(3), "encryption", 1, 0, 0, 0),
                new ComplianceDay(today.minusDays(2), "encryption", 1, 0, 0, 0),
                new ComplianceDay(today.minusDays(1), "encryption", 1, 0, 1, 0),
                new ComplianceDay(today, "encryption", 1, 0, 1, 0)),
                days.between("ditton-junior", today.minusDays(29), today), "B counts from its enrolment, unknown");
    }

    @StoreTest
    void refreshingADayReplacesItsRowsAndTwoConsolesMayRefreshAtOnce(StoreKind kind) throws Exception {
        open(kind, true);
        LocalDate today = job.today();
        days.record("ditton-junior", List.of(new ComplianceDay(today, "encryption", 1, 1, 0, 0),
                new ComplianceDay(today, "firewall", 2, 0, 0, 0)));
        days.record("ditton-junior", List.of(new ComplianceDay(today, "encryption", 2, 0, 0, 0)));
        assertEquals(List.of(new ComplianceDay(today, "encryption", 2, 0, 0, 0)),
                days.between("ditton-junior", today, today), "a control no longer reported goes");

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int passing = i;
                runs.add(pool.submit(() -> days.record("ditton-junior",
                        List.of(new ComplianceDay(today, "encryption", passing, 0, 0, 0)))));
            }
            for (Future<?> run : runs) {
                run.get(); // none fails on the row another refresh wrote first
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, days.between("ditton-junior", today, today).size());
    }
}
