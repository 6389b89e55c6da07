package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nestguard.console.store.MonitoringFixture.flag;
import static org.nestguard.console.store.MonitoringFixture.learner;
import static org.nestguard.console.store.MonitoringFixture.staff;

import java.time.Duration;
import java.util.List;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Severity;

class CasesTest extends MonitoringTestBase {
    Cases cases;

    void openCases(StoreKind kind) {
        openMonitoring(kind);
        cases = new Cases(database, clock, audit, flags);
        checkIn(allDevice, flag(1, "f1", learner(1, "https://sh.example/"), Severity.HIGH, "self-harm"),
                flag(2, "f2", learner(2, "https://sh2.example/"), Severity.MEDIUM, "self-harm"),
                flag(3, "f3", staff(3, "https://poker.example/", "jsmith"), Severity.HIGH, "gambling"));
    }

    private String flagId(Person reader, String url) {
        return flags.queue(reader, new FlagQuery(null, null, null, null, null, 100, null)).flags().stream()
                .filter(f -> f.visit().url().equals(url)).findFirst().orElseThrow().id();
    }

    private long audited(String action) {
        return count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
    }

    @StoreTest
    void escalatingAFlagOpensACaseAndChangesTheFlagInOneGo(StoreKind kind) {
        openCases(kind);
        Person dsl = dsl();
        String flag = flagId(dsl, "https://sh.example/");
        String caseId = cases.escalate(dsl, flag, "Searched for methods; talk to pupil today", null, null)
                .orElseThrow();

        FlagDetail escalated = flags.read(dsl, flag).orElseThrow();
        assertEquals(FlagState.ESCALATED, escalated.flag().state());
        assertEquals(caseId, escalated.flag().concernReference());
        assertEquals("Searched for methods; talk to pupil today", escalated.changes().get(0).reason());
        CaseDetail opened = cases.read(dsl, caseId).orElseThrow();
        assertEquals("self-harm: pupil1", opened.summary().title(), "titled after the flag when no title is given");
        assertEquals(AccountKind.LEARNER, opened.summary().accountKind());
        assertEquals(CaseState.OPEN, opened.summary().state());
        assertEquals("Ruth Campbell", opened.summary().openedByName());
        assertEquals(List.of(flag), opened.flags().stream().map(CaseFlag::flagId).toList());
        assertEquals("sh.example", opened.flags().get(0).host());

        String second = flagId(dsl, "https://sh2.example/");
        assertEquals(caseId, cases.escalate(dsl, second, "Same pupil, same day", caseId, null).orElseThrow());
        assertEquals(2, cases.read(dsl, caseId).orElseThrow().flags().size(), "linked to the existing case");
        assertEquals(1, audited("case.open"));
        assertEquals(2, audited("case.link-flag"));
        assertEquals(2, audited("case.read"));
    }

    @StoreTest
    void aFailedEscalationChangesNothing(StoreKind kind) {
        openCases(kind);
        Person dsl = dsl();
        String first = flagId(dsl, "https://sh.example/");
        String caseId = cases.escalate(dsl, first, "concern", null, "Self-harm searches").orElseThrow();
        cases.addEntry(dsl, caseId, new CaseEntryDraft(CaseEntryKind.LESSONS, clock.instant(), null,
                "Filtering now blocks the forum", null, null));
        cases.close(dsl, caseId);

        String second = flagId(dsl, "https://sh2.example/");
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> cases.escalate(dsl, second, "more", caseId, null));
        assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
        assertEquals(FlagState.NEW, flags.read(dsl, second).orElseThrow().flag().state(),
                "the flag is not escalated when the link is refused");
        assertEquals(0, count("SELECT COUNT(*) FROM case_flags WHERE flag_id = '" + second + "'"));

        Person manager = manager();
        String staffFlag = flagId(manager, "https://poker.example/");
        String staffCase = cases.open(manager, "Gambling at work", AccountKind.STAFF, "jsmith");
        Person both = person("Both Roles", MonitoringFixture.UPLOADS_ALL, List.of(), Role.DSL, Role.HEADTEACHER);
        String learnerCase = cases.open(both, "Learner concern", AccountKind.LEARNER, "pupil1");
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> cases.escalate(both, staffFlag, "gambling", learnerCase, null));
        assertTrue(mixed.getMessage().contains("a member of staff"), mixed.getMessage());
        assertEquals(FlagState.NEW, flags.read(manager, staffFlag).orElseThrow().flag().state());
        assertEquals(staffCase, cases.escalate(manager, staffFlag, "gambling", staffCase, null).orElseThrow());
    }

    @StoreTest
    void aCaseClosesOnlyWithLessonsLearntAndItsRecordOnlyGrows(StoreKind kind) {
        openCases(kind);
        Person dsl = dsl();
        String caseId = cases.open(dsl, "Upsetting messages", AccountKind.LEARNER, "pupil1");
        IllegalStateException noLessons = assertThrows(IllegalStateException.class, () -> cases.close(dsl, caseId));
        assertTrue(noLessons.getMessage().contains("lessons learnt"), noLessons.getMessage());

        IllegalArgumentException noParty = assertThrows(IllegalArgumentException.class, () -> cases.addEntry(dsl,
                caseId, new CaseEntryDraft(CaseEntryKind.ADVICE, clock.instant(), " ", "Call back", null, null)));
        assertTrue(noParty.getMessage().contains("who was asked"), noParty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cases.addEntry(dsl, caseId, new CaseEntryDraft(
                CaseEntryKind.ACTION, clock.instant().plus(Duration.ofDays(2)), null, "later", null, null)));

        CaseEntry action = cases.addEntry(dsl, caseId, new CaseEntryDraft(CaseEntryKind.ACTION,
                clock.instant().minus(Duration.ofHours(2)), null, "Spoke to pupil1 with class teacher", null, null))
                .orElseThrow();
        clock.advance(Duration.ofMinutes(5));
        cases.addEntry(dsl, caseId, new CaseEntryDraft(CaseEntryKind.ACTION, clock.instant(), null,
                "Spoke to pupil1 with the head of year (not the class teacher)", null, action.id()));
        cases.addEntry(dsl, caseId, new CaseEntryDraft(CaseEntryKind.AGENCY, clock.instant(), "Kent Police",
                null, "KP/2026/0042", null));
        cases.addEntry(dsl, caseId, new CaseEntryDraft(CaseEntryKind.PARENTS, clock.instant(), "Ruth Campbell",
                "Phone call to mother", null, null));
        assertThrows(IllegalArgumentException.class, () -> cases.addEntry(dsl, caseId, new CaseEntryDraft(
                CaseEntryKind.ACTION, clock.instant(), null, "x", null, "not-an-entry")));
        cases.addEntry(dsl, caseId, new CaseEntryDraft(CaseEntryKind.LESSONS, clock.instant(), null,
                "Teach reporting routes in PSHE", null, null));
        CaseSummary closed = cases.close(dsl, caseId).orElseThrow();
        assertEquals(CaseState.CLOSED, closed.state());
        assertThrows(IllegalStateException.class, () -> cases.close(dsl, caseId));

        CaseDetail record = cases.read(dsl, caseId).orElseThrow();
        assertEquals(List.of(CaseEntryKind.ACTION, CaseEntryKind.ACTION, CaseEntryKind.AGENCY,
                CaseEntryKind.PARENTS, CaseEntryKind.LESSONS), record.entries().stream().map(CaseEntry::kind).toList());
        assertEquals("Spoke to pupil1 with class teacher", record.entries().get(0).detail(), "never edited");
        assertEquals(action.id(), record.entries().get(1).correctsId());
        assertEquals("KP/2026/0042", record.entries().get(2).reference());
        assertEquals("Ruth Campbell", closed.closedByName());
        assertEquals(CaseState.CLOSED, cases.list(dsl, new CaseQuery(null, null, 10, null)).cases().get(0).state());
        assertEquals(5, audited("case.entry"));
        assertEquals(1, audited("case.close"));
    }

    @StoreTest
    void casesAreRoutedLikeFlags(StoreKind kind) {
        openCases(kind);
        Person dsl = dsl();
        Person manager = manager();
        String learnerCase = cases.open(dsl, "Learner concern", AccountKind.LEARNER, "pupil1");
        String staffCase = cases.escalate(manager, flagId(manager, "https://poker.example/"), "gambling", null,
                "Staff gambling").orElseThrow();

        assertEquals(List.of(learnerCase), ids(cases.list(dsl, new CaseQuery(null, null, 10, null))));
        assertEquals(List.of(staffCase), ids(cases.list(manager, new CaseQuery(null, null, 10, null))));
        assertTrue(cases.read(dsl, staffCase).isEmpty(), "a DSL never reads a staff-subject case");
        assertTrue(cases.read(manager, learnerCase).isEmpty(), "nor a manager a learner one");
        assertTrue(cases.addEntry(dsl, staffCase, new CaseEntryDraft(CaseEntryKind.ACTION, clock.instant(), null,
                "x", null, null)).isEmpty());
        assertTrue(cases.close(manager, learnerCase).isEmpty());
        Person otherSetting = person("Other DSL", MonitoringFixture.UPLOADS_FLAGGED, List.of(), Role.DSL);
        assertTrue(cases.read(otherSetting, learnerCase).isEmpty(), "nor another setting's DSL");
        assertThrows(IllegalArgumentException.class,
                () -> cases.open(dsl, "About staff", AccountKind.STAFF, "jsmith"), "a DSL opens no staff case");
        Person technical = person("Tess Tech", MonitoringFixture.UPLOADS_ALL, List.of(), Role.TECHNICAL);
        assertEquals(List.of(), ids(cases.list(technical, new CaseQuery(null, null, 10, null))));
        assertEquals(5, count("SELECT COUNT(*) FROM audit_log WHERE action IN ('case.read', 'case.entry', "
                + "'case.close') AND detail LIKE 'refused%'"));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_log WHERE action = 'cases.list' AND staff_matter = 1"),
                "the manager's list is kept from DSLs in the audit log");

        List<String> paged = new java.util.ArrayList<>();
        Person both = person("Both Roles", MonitoringFixture.UPLOADS_ALL, List.of(), Role.DSL, Role.MANAGER);
        String next = null;
        do {
            CasePage page = cases.list(both, new CaseQuery(null, null, 1, next));
            paged.addAll(ids(page));
            next = page.next();
        } while (next != null);
        assertEquals(ids(cases.list(both, new CaseQuery(null, null, 10, null))), paged);
        assertEquals(2, paged.size());
        assertEquals(List.of(staffCase), ids(cases.list(both, new CaseQuery(CaseState.OPEN, AccountKind.STAFF, 10,
                null))));
    }

    @StoreTest
    void aQuarantineItemAboutTheSameKindOfAccountLinksOnce(StoreKind kind) {
        openCases(kind);
        quarantined("item-learner", "learner", "pupil1");
        quarantined("item-staff", "staff", "jsmith");
        Person dsl = dsl();
        String caseId = cases.open(dsl, "Images shared in class", AccountKind.LEARNER, "pupil1");
        CaseItem linked = cases.linkItem(dsl, caseId, "item-learner").orElseThrow();
        assertEquals("C:/Users/pupil1/Pictures/shared.jpg", linked.path());
        assertEquals("class-1", linked.hostname());
        assertThrows(IllegalArgumentException.class, () -> cases.linkItem(dsl, caseId, "item-learner"),
                "linked once");
        IllegalArgumentException staffItem = assertThrows(IllegalArgumentException.class,
                () -> cases.linkItem(dsl, caseId, "item-staff"));
        assertTrue(staffItem.getMessage().contains("no quarantine item item-staff for you"), "a DSL cannot see it");
        assertEquals(List.of("item-learner"), cases.read(dsl, caseId).orElseThrow().items().stream()
                .map(CaseItem::itemId).toList());
        assertTrue(cases.linkItem(manager(), caseId, "item-staff").isEmpty(), "not the manager's case");
        assertEquals(1, audited("case.link-item") - 1, "one link, one refusal");
    }

    private void quarantined(String id, String accountKind, String account) {
        execute("INSERT INTO quarantine_items (id, device_id, setting_id, agent_item_id, event_enrolment, "
                + "event_sequence, path, account, account_key, account_kind, owner, size_bytes, modified_at, kind, "
                + "sha256, matches, isolated_at, evidence_key_fingerprint, vault_bytes, state, received_at) VALUES ('"
                + id + "', '" + allDevice + "', '" + MonitoringFixture.UPLOADS_ALL + "', '" + id + "', 1, 99, "
                + "'C:/Users/" + account + "/Pictures/shared.jpg', '" + account + "', '" + account + "', '"
                + accountKind + "', '" + account + "', 2048, 1768208400000, 'image', '" + "a".repeat(64)
                + "', '[]', 1768208400000, '" + "b".repeat(64) + "', 2100, 'isolated', 1768208400000)");
    }

    private static List<String> ids(CasePage page) {
        return page.cases().stream().map(CaseSummary::id).toList();
    }
}
