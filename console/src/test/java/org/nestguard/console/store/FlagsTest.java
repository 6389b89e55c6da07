package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nestguard.console.store.MonitoringFixture.flag;
import static org.nestguard.console.store.MonitoringFixture.learner;
import static org.nestguard.console.store.MonitoringFixture.raised;
import static org.nestguard.console.store.MonitoringFixture.staff;
import static org.nestguard.console.store.MonitoringFixture.visit;
import static org.nestguard.console.store.MonitoringFixture.visits;

import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;

class FlagsTest extends MonitoringTestBase {

    private static FlagQuery queue(FlagState state) {
        return new FlagQuery(state, null, null, null, null, 100, null);
    }

    private List<String> urls(Person reader, FlagQuery query) {
        return flags.queue(reader, query).flags().stream().map(f -> f.visit().url()).toList();
    }

    private String flagId(Person reader, String url) {
        return flags.queue(reader, queue(null)).flags().stream().filter(f -> f.visit().url().equals(url))
                .findFirst().orElseThrow().id();
    }

    @StoreTest
    void theQueueIsMostSevereFirstThenNewestAndFilters(StoreKind kind) {
        openMonitoring(kind);
        checkIn(allDevice, flag(1, "f1", learner(1, "https://games.example/"), Severity.LOW, "gaming"),
                flag(2, "f2", learner(2, "https://s1.example/"), Severity.CRITICAL, "suicide"),
                flag(3, "f3", learner(3, "https://sh.example/"), Severity.HIGH, "self-harm", "violence"),
                flag(4, "f4", visit(4, "https://il.example/", "pupil2", AccountKind.LEARNER), Severity.CRITICAL,
                        "illegal"),
                flag(5, "f5", staff(5, "https://staff.example/", "jsmith"), Severity.CRITICAL, "gambling"));
        Person dsl = dsl();
        assertEquals(List.of("https://il.example/", "https://s1.example/", "https://sh.example/",
                "https://games.example/"), urls(dsl, queue(FlagState.NEW)));
        assertEquals(List.of("https://il.example/", "https://s1.example/"),
                urls(dsl, new FlagQuery(FlagState.NEW, Severity.CRITICAL, null, null, null, 100, null)));
        assertEquals(List.of("https://sh.example/"),
                urls(dsl, new FlagQuery(null, null, "violence", null, null, 100, null)));
        assertEquals(List.of("https://il.example/"),
                urls(dsl, new FlagQuery(null, null, null, null, "PUPIL2", 100, null)));
        assertEquals(List.of(), urls(dsl, new FlagQuery(null, null, null, flaggedDevice, null, 100, null)));
        FlagSummary top = flags.queue(dsl, queue(null)).flags().get(2);
        assertEquals(List.of("self-harm", "violence"), top.categories());
        assertEquals(Severity.HIGH, top.severity());
        assertEquals("class-1", top.hostname());

        List<String> paged = new ArrayList<>();
        String next = null;
        do {
            FlagPage page = flags.queue(dsl, new FlagQuery(null, null, null, null, null, 1, next));
            page.flags().forEach(f -> paged.add(f.visit().url()));
            next = page.next();
        } while (next != null);
        assertEquals(urls(dsl, queue(null)), paged);
        assertEquals(List.of("https://staff.example/"), urls(manager(), queue(null)), "the manager: staff only");
    }

    @StoreTest
    void stateChangesFollowTheRulesAndRecordWhoAndWhy(StoreKind kind) {
        openMonitoring(kind);
        checkIn(allDevice, flag(1, "f1", learner(1, "https://sh.example/"), Severity.HIGH, "self-harm"));
        Person dsl = dsl();
        Person deputy = person("Dee Deputy", MonitoringFixture.UPLOADS_ALL, List.of(), Role.DEPUTY_DSL);
        String id = flagId(dsl, "https://sh.example/");

        IllegalArgumentException noReason = assertThrows(IllegalArgumentException.class,
                () -> flags.changeState(dsl, id, FlagState.REVIEWED, "  ", null));
        assertTrue(noReason.getMessage().startsWith("reason is required"), noReason.getMessage());
        assertThrows(IllegalArgumentException.class, () -> flags.changeState(dsl, id, FlagState.NEW, "back", null));
        assertThrows(IllegalArgumentException.class,
                () -> flags.changeState(dsl, id, FlagState.REVIEWED, "seen", "CPOMS-1"), "a reference needs escalated");

        FlagChange reviewed = flags.changeState(dsl, id, FlagState.REVIEWED, "Spoke to the class teacher", null)
                .orElseThrow();
        assertEquals(FlagState.NEW, reviewed.from());
        assertEquals(dsl.name(), reviewed.byName());
        IllegalStateException same = assertThrows(IllegalStateException.class,
                () -> flags.changeState(deputy, id, FlagState.REVIEWED, "again", null));
        assertTrue(same.getMessage().contains("false-positive or escalated, not reviewed"), same.getMessage());
        clock.advance(java.time.Duration.ofMinutes(5));
        flags.changeState(deputy, id, FlagState.FALSE_POSITIVE, "Biology homework on the heart", null).orElseThrow();
        clock.advance(java.time.Duration.ofMinutes(5));
        flags.changeState(dsl, id, FlagState.REVIEWED, "Reopened: the pupil searched it again", null).orElseThrow();
        clock.advance(java.time.Duration.ofMinutes(5));
        flags.changeState(dsl, id, FlagState.ESCALATED, "Referred to early help", "CPOMS-4711").orElseThrow();
        IllegalStateException fin = assertThrows(IllegalStateException.class,
                () -> flags.changeState(dsl, id, FlagState.REVIEWED, "undo", null));
        assertTrue(fin.getMessage().contains("final"), fin.getMessage());

        FlagDetail detail = flags.read(deputy, id).orElseThrow();
        assertEquals(FlagState.ESCALATED, detail.flag().state());
        assertEquals("CPOMS-4711", detail.flag().concernReference());
        assertEquals(clock.instant(), detail.flag().stateChangedAt());
        assertEquals(List.of("new>reviewed by " + dsl.name() + ": Spoke to the class teacher",
                "reviewed>false-positive by Dee Deputy: Biology homework on the heart",
                "false-positive>reviewed by " + dsl.name() + ": Reopened: the pupil searched it again",
                "reviewed>escalated by " + dsl.name() + ": Referred to early help"),
                detail.changes().stream().map(c -> c.from().id() + ">" + c.to().id() + " by " + c.byName() + ": "
                        + c.reason()).toList());
        assertEquals("CPOMS-4711", detail.changes().get(3).concernReference());
        assertEquals(List.of(), urls(dsl, queue(FlagState.NEW)));
        assertEquals(1, urls(dsl, queue(FlagState.ESCALATED)).size());
    }

    @StoreTest
    void aFlagAboutJanesOwnAccountNeverReachesJaneThoughSheIsDslAndManagerButReachesTheHeadteacher(StoreKind kind) {
        openMonitoring(kind);
        String setting = MonitoringFixture.UPLOADS_ALL;
        Person jane = person("Jane Smith", setting, List.of("jsmith"), Role.DSL, Role.MANAGER);
        checkIn(allDevice, flag(1, "f1", staff(1, "https://betting.example/", "JSmith"), Severity.MEDIUM, "gambling"),
                flag(2, "f2", learner(2, "https://sh.example/"), Severity.HIGH, "self-harm"));

        assertEquals(List.of("https://sh.example/"), urls(jane, queue(null)), "only the learner's flag");
        String janesFlag = database.read(connection -> {
            try (var statement = connection.createStatement();
                 var row = statement.executeQuery("SELECT id FROM flags WHERE account_key = 'jsmith'")) {
                row.next();
                return row.getString(1);
            }
        });
        assertTrue(flags.read(jane, janesFlag).isEmpty(), "a direct read finds nothing either");
        assertTrue(flags.changeState(jane, janesFlag, FlagState.FALSE_POSITIVE, "nothing to see", null).isEmpty());
        assertEquals(List.of(janesFlag), flags.unrouted().stream().map(UnroutedFlag::flagId).toList(),
                "the only manager is its subject and there is no headteacher: it reaches no one");
        assertEquals(AccountKind.STAFF, flags.unrouted().get(0).accountKind());

        Person head = person("Harriet Head", setting, List.of(), Role.HEADTEACHER);
        assertEquals(List.of(), flags.unrouted());
        assertEquals(List.of("https://betting.example/"), urls(head, queue(null)));
        FlagDetail seen = flags.read(head, janesFlag).orElseThrow();
        assertEquals(FlagState.NEW, seen.flag().state(), "Jane's attempt changed nothing");
        assertTrue(seen.changes().isEmpty());
        assertTrue(flags.changeState(head, janesFlag, FlagState.ESCALATED, "Staff conduct: LADO consulted",
                "LADO-12").isPresent());
        assertEquals(List.of("https://sh.example/"), urls(jane, queue(null)));
    }

    @StoreTest
    void aFlagWithNoDslForItsSettingIsUnrouted(StoreKind kind) {
        openMonitoring(kind);
        checkIn(flaggedDevice, flag(1, "f1", learner(1, "https://sh.example/"), Severity.HIGH, "self-harm"));
        person("Nursery manager", MonitoringFixture.UPLOADS_FLAGGED, List.of(), Role.MANAGER);
        assertEquals(1, flags.unrouted().size());
        assertEquals(AccountKind.LEARNER, flags.unrouted().get(0).accountKind());
        person("Nursery DSL", MonitoringFixture.UPLOADS_FLAGGED, List.of(), Role.DSL);
        assertEquals(List.of(), flags.unrouted());
    }

    @StoreTest
    void theDetailMergesTheFlagsOwnContextWithStoredVisitsAroundIt(StoreKind kind) {
        openMonitoring(kind);
        Visit far = learner(0, "https://far-before.example/");
        Visit v1 = learner(12, "https://one.example/");
        Visit v2 = learner(13, "https://two.example/");
        Visit v3 = learner(14, "https://three.example/");
        Visit flagged = learner(15, "https://sh.example/");
        Visit v4 = learner(16, "https://four.example/");
        Visit otherProfile = new Visit(v3.time(), "https://firefox.example/", "", "firefox", "default", "pupil1",
                AccountKind.LEARNER, "link", null);
        FlagRaised base = raised("f1", flagged, Severity.HIGH, "self-harm");
        checkIn(allDevice, visits(1, far, v2, v3, v4, otherProfile),
                flag(2, new FlagRaised("f1", flagged, base.flags(), List.of(v1, v2), List.of(v4), null)));
        FlagDetail detail = flags.read(dsl(), flagId(dsl(), flagged.url())).orElseThrow();
        assertEquals(List.of(v1, v2, v3), detail.before(), "context and stored, each once, oldest first");
        assertEquals(List.of(v4), detail.after());
        assertEquals("self-harm", detail.reasons().get(0).category());
        assertEquals(flagged, detail.flag().visit());
    }

    @StoreTest
    void everyReadAndChangeIsAuditedWithoutTheFlagsContent(StoreKind kind) {
        openMonitoring(kind);
        checkIn(allDevice, flag(1, "f1", learner(1, "https://www.bet365.com/"), Severity.MEDIUM, "gambling"));
        Person dsl = dsl();
        String id = flagId(dsl, "https://www.bet365.com/");
        flags.read(dsl, id).orElseThrow();
        flags.changeState(dsl, id, FlagState.REVIEWED, "Pupil says bet365 advert popped up", null);
        Person manager = manager();
        assertTrue(flags.read(manager, id).isEmpty());
        Person admin = person("Admin", null, List.of(), Role.ADMIN);
        // making the test's accounts is audited too: this test is about the flags' entries
        List<AuditEntry> entries = audit.read(admin, null, null, 100, null).entries().stream()
                .filter(e -> !e.action().startsWith("account.")).toList();
        assertEquals(List.of("flag.read " + manager.name() + " flag " + id + " refused: no such flag for this person",
                "flag.state " + dsl.name() + " flag " + id + " new -> reviewed",
                "flag.read " + dsl.name() + " flag " + id + " read with 0 visits before and 0 after",
                "flags.list " + dsl.name() + " flag queue state=any; limit=100; rows=1"),
                entries.stream().map(e -> e.action() + " " + e.actor() + " " + e.target() + " " + e.detail()).toList());
        assertTrue(entries.stream().noneMatch(e -> e.detail().contains("bet365")), "no URL, no reason text");
        assertFalse(entries.get(1).staffMatter());
        assertNull(flags.read(dsl, "no-such-flag").orElse(null));
    }
}
