package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;

class AuditLogTest extends MonitoringTestBase {

    private void append(Person actor, String action, String settingId, boolean staffMatter) {
        database.transaction(connection -> audit.append(connection, actor, action, "flag 1", "read", settingId,
                staffMatter));
    }

    /** Rows written before the test's own: making the test's accounts is audited too. */
    private long accountRows;

    private void fiveRows() {
        Person dsl = dsl();
        accountRows = audit.verify().rowsChecked();
        for (int i = 0; i < 5; i++) {
            append(dsl, "flag.read", MonitoringFixture.UPLOADS_ALL, false);
        }
    }

    @StoreTest
    void anUntouchedChainVerifies(StoreKind kind) {
        openMonitoring(kind);
        assertTrue(audit.verify().intact(), "an empty log is intact");
        fiveRows();
        AuditVerification result = audit.verify();
        assertTrue(result.intact(), String.valueOf(result));
        assertEquals(accountRows + 5, result.rowsChecked());
        assertNull(result.firstBrokenId());
        assertEquals(64, result.headHash().length());
    }

    @StoreTest
    void anEditedRowIsNamed(StoreKind kind) {
        openMonitoring(kind);
        fiveRows();
        long third = accountRows + 3;
        execute("UPDATE audit_log SET actor = 'Someone Else' WHERE id = " + third);
        AuditVerification result = audit.verify();
        assertFalse(result.intact());
        assertEquals(third, result.firstBrokenId());
        assertEquals(third - 1, result.rowsChecked());
        assertTrue(result.problem().startsWith("row " + third + ": its fields no longer give its hash"),
                result.problem());
    }

    @StoreTest
    void anEditedRowWithARecomputedHashBreaksTheNextLink(StoreKind kind) {
        openMonitoring(kind);
        fiveRows();
        AuditEntry third = audit.read(person("Admin", null, List.of(), Role.ADMIN), null, null, 10, null).entries()
                .stream().filter(e -> e.id() == 3).findFirst().orElseThrow();
        String forged = AuditLog.hash(third.previousHash(), 3, third.at(), "Someone Else", third.actorId(),
                third.action(), third.target(), third.detail(), third.settingId(), third.staffMatter());
        execute("UPDATE audit_log SET actor = 'Someone Else', hash = '" + forged + "' WHERE id = 3");
        AuditVerification result = audit.verify();
        assertEquals(4L, result.firstBrokenId());
        assertTrue(result.problem().contains("previous_hash is not the hash of row 3"), result.problem());
    }

    @StoreTest
    void aRemovedRowAndACutEndAreNamed(StoreKind kind) {
        openMonitoring(kind);
        fiveRows();
        long last = accountRows + 5;
        execute("DELETE FROM audit_log WHERE id = " + last);
        AuditVerification cut = audit.verify();
        assertEquals(last, cut.firstBrokenId());
        assertTrue(cut.problem().contains("ends at row " + (last - 1) + " but its head says row " + last),
                cut.problem());
        execute("DELETE FROM audit_log WHERE id = 2");
        AuditVerification hole = audit.verify();
        assertEquals(2L, hole.firstBrokenId());
        assertTrue(hole.problem().startsWith("row 2: rows 2 to 2 are missing"), hole.problem());
    }

    @StoreTest
    void concurrentWritersKeepOneUnbrokenChain(StoreKind kind) throws Exception {
        openMonitoring(kind);
        Person dsl = dsl();
        long accountRows = audit.verify().rowsChecked(); // making the test's account is audited too
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        append(dsl, "flag.read", MonitoringFixture.UPLOADS_ALL, false);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        AuditVerification result = audit.verify();
        assertTrue(result.intact(), String.valueOf(result));
        assertEquals(accountRows + 60, result.rowsChecked());
    }

    @StoreTest
    void aDslReadsTheirSettingsRowsButNotThoseAboutStaffAndTheReadIsAudited(StoreKind kind) {
        openMonitoring(kind);
        Person dsl = dsl();
        Person manager = manager();
        Person nurseryDsl = person("Nursery DSL", MonitoringFixture.UPLOADS_FLAGGED, List.of(), Role.DSL);
        append(dsl, "flag.read", MonitoringFixture.UPLOADS_ALL, false);
        append(manager, "flag.read", MonitoringFixture.UPLOADS_ALL, true);
        append(nurseryDsl, "flag.read", MonitoringFixture.UPLOADS_FLAGGED, false);
        Person admin = person("Admin", null, List.of(), Role.ADMIN);
        Person nurseryAdmin = person("Nursery admin", MonitoringFixture.UPLOADS_FLAGGED, List.of(), Role.ADMIN);

        assertEquals(List.of(dsl.name()), audit.read(dsl, null, null, 10, null).entries().stream()
                .map(AuditEntry::actor).toList(), "not the manager's staff read, not the other setting's");
        assertEquals(List.of("flag.read by Nursery DSL"), audit.read(nurseryAdmin, null, null, 10, null).entries()
                .stream().map(e -> e.action() + " by " + e.actor()).toList(),
                "an administrator of one setting reads that setting's rows only");
        AuditPage all = audit.read(admin, null, null, 2, null);
        assertEquals(2, all.entries().size());
        assertEquals(List.of("audit.read", "audit.read"), all.entries().stream().map(AuditEntry::action).toList(),
                "newest first: the earlier reads of the log were audited too");
        AuditPage rest = audit.read(admin, null, null, 100, all.next());
        // besides the making of the test's accounts, the three reads appended, newest first
        assertEquals(List.of(nurseryDsl.name(), manager.name(), dsl.name()), rest.entries().stream()
                .filter(e -> e.action().equals("flag.read")).map(AuditEntry::actor).toList());
        assertNull(rest.next());
        assertTrue(audit.verify().intact());
    }
}
