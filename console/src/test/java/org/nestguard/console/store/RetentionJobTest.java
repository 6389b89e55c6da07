package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nestguard.console.store.MonitoringFixture.flag;
import static org.nestguard.console.store.MonitoringFixture.learner;
import static org.nestguard.console.store.MonitoringFixture.notice;
import static org.nestguard.console.store.MonitoringFixture.visits;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.nestguard.console.auth.Person;
import org.nestguard.console.jobs.RetentionJob;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.wire.Event;

class RetentionJobTest extends MonitoringTestBase {

    private String idOf(Person reader, String url) {
        return flags.queue(reader, new FlagQuery(null, null, null, null, null, 100, null)).flags().stream()
                .filter(f -> f.visit().url().equals(url)).findFirst().orElseThrow().id();
    }

    private List<String> purged(List<Purge> purges) {
        return purges.stream().map(p -> p.settingId() + " " + p.dataClass() + " " + p.rowsDeleted()).toList();
    }

    @StoreTest
    void visitsGoAfterKeepVisitsFlagsAfterKeepFlagsAndEscalatedFlagsStay(StoreKind kind) {
        openMonitoring(kind);
        String setting = MonitoringFixture.UPLOADS_ALL;
        settings.storePolicy(setting, MonitoringFixture.policy(setting).replace("keepFlags: P6Y", "keepFlags: P1Y"),
                "test", "a year for flags");
        Visit plain = learner(1, "https://plain.example/");
        Visit reviewed = learner(2, "https://reviewed.example/");
        Visit escalated = learner(3, "https://escalated.example/");
        Event[] upload = {visits(1, plain, reviewed, escalated),
            flag(2, "f-reviewed", reviewed, Severity.HIGH, "self-harm", "violence"),
            flag(3, "f-escalated", escalated, Severity.CRITICAL, "suicide"),
            notice(4, HistoryNotice.Kind.CLEARED, "pupil1", 4)};
        checkIn(allDevice, upload);
        Person dsl = dsl();
        flags.changeState(dsl, idOf(dsl, reviewed.url()), FlagState.REVIEWED, "Talked to the pupil", null);
        String escalatedId = idOf(dsl, escalated.url());
        flags.changeState(dsl, escalatedId, FlagState.ESCALATED, "Referred", "CPOMS-1");
        RetentionJob job = new RetentionJob(settings, retention, clock);

        assertEquals(List.of(), job.runOnce(), "nothing is old yet");
        clock.advance(Duration.ofDays(92));
        Instant visitsCutOff = clock.instant().minus(Duration.ofDays(90));
        List<Purge> first = job.runOnce();
        assertEquals(List.of(setting + " visits 1", setting + " uploaded-events 1"), purged(first));
        assertEquals(visitsCutOff, first.get(0).cutOff());
        assertEquals(2, count("SELECT COUNT(*) FROM visits"), "flagged visits stay while their flags do");
        assertEquals(0, count("SELECT COUNT(*) FROM visit_domains WHERE visit_id NOT IN (SELECT id FROM visits)"),
                "a purged visit's domain rows go with it");
        assertEquals(2, count("SELECT COUNT(*) FROM visit_domains"));
        assertEquals(1, count("SELECT COUNT(*) FROM events WHERE payload = '" + Retention.BLANKED + "'"),
                "the history batch's copy of the URLs is blanked");

        clock.advance(Duration.ofDays(366));
        List<Purge> second = job.runOnce();
        assertEquals(List.of(setting + " flags 1", setting + " history-notices 1", setting + " uploaded-events 2",
                setting + " visits 1"), purged(second));
        assertEquals(List.of(escalatedId), flags.queue(dsl, new FlagQuery(null, null, null, null, null, 10, null))
                .flags().stream().map(FlagSummary::id).toList(), "the escalated flag is a concern's evidence");
        assertEquals(1, count("SELECT COUNT(*) FROM flag_changes"), "the escalated flag's change stays");
        assertEquals(1, count("SELECT COUNT(*) FROM flag_categories"));
        assertEquals(1, count("SELECT COUNT(*) FROM visits"), "the escalated flag's visit stays");
        assertEquals(1, count("SELECT COUNT(*) FROM visit_domains"));
        assertEquals(0, count("SELECT COUNT(*) FROM history_notices"));
        assertEquals(3, count("SELECT COUNT(*) FROM events WHERE payload = '" + Retention.BLANKED + "'"),
                "batch, reviewed flag and notice blanked; the escalated flag's event kept");
        assertEquals(Period.ofYears(1), Period.between(second.get(0).cutOff().atZone(java.time.ZoneOffset.UTC)
                .toLocalDate(), clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
        assertEquals(purged(java.util.stream.Stream.concat(first.stream(), second.stream()).toList()).stream()
                .sorted().toList(), purged(retention.purges(setting)).stream().sorted().toList(),
                "every purge is in the purge log");

        checkIn(allDevice, upload);
        assertEquals(1, count("SELECT COUNT(*) FROM visits"), "a re-sent old batch brings nothing back");
        assertEquals(1, count("SELECT COUNT(*) FROM flags"));
    }

    @StoreTest
    void aSettingWhosePolicyHasNoHistoryRuleOrUploadsOnlyFlagsKeepsWhatItHas(StoreKind kind) {
        openMonitoring(kind);
        checkIn(uncoveredDevice, visits(1, learner(1, "https://a.example/")),
                flag(2, "f1", learner(2, "https://b.example/"), Severity.HIGH, "violence"));
        checkIn(flaggedDevice, visits(1, learner(1, "https://stray.example/")));
        clock.advance(Duration.ofDays(365 * 30));
        List<Purge> purges = new RetentionJob(settings, retention, clock).runOnce();
        assertTrue(purges.stream().noneMatch(p -> p.settingId().equals(MonitoringFixture.NO_HISTORY)), "" + purges);
        assertEquals(2, count("SELECT COUNT(*) FROM visits"), "kept, and the alerts say no policy covers them");
        assertEquals(1, count("SELECT COUNT(*) FROM flags"));
    }

    @StoreTest
    void aHeldDeviceKeepsEverythingUntilTheHoldIsLifted(StoreKind kind) {
        openMonitoring(kind);
        String setting = MonitoringFixture.UPLOADS_ALL;
        checkIn(allDevice, visits(1, learner(1, "https://a.example/")),
                flag(2, "f1", learner(2, "https://b.example/"), Severity.HIGH, "violence"),
                notice(3, HistoryNotice.Kind.CLEARED, "pupil1", 3));
        Holds holds = new Holds(database, clock, new AuditLog(database, clock));
        Person manager = person("Mo Manager", setting, List.of(), org.nestguard.console.auth.Role.MANAGER);
        Device device = devices.find(allDevice).orElseThrow();
        holds.place(manager, device, "suspected indecent image", false);
        RetentionJob job = new RetentionJob(settings, retention, clock);
        clock.advance(Duration.ofDays(365 * 30));

        assertEquals(List.of(), job.runOnce(), "nothing of a held device is purged");
        assertEquals(2, count("SELECT COUNT(*) FROM visits"), "the visit and the flagged one");
        assertEquals(1, count("SELECT COUNT(*) FROM flags"));
        assertEquals(1, count("SELECT COUNT(*) FROM history_notices"));
        assertEquals(0, count("SELECT COUNT(*) FROM events WHERE payload = '" + Retention.BLANKED + "'"));

        holds.lift(manager, device, new PoliceAdvice("PC Jones", clock.instant(), "no further action"),
                "advice recorded");
        assertEquals(List.of(setting + " flags 1", setting + " history-notices 1", setting + " uploaded-events 1",
                setting + " uploaded-events 2", setting + " visits 2"),
                purged(job.runOnce()).stream().sorted().toList(), "once the hold is lifted, retention resumes");
    }
}
