package org.nestguard.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LocalAccount.PasswordState;
import org.nestguard.agent.platform.LogonSettings;
import org.junit.jupiter.api.Test;

class AccountsCheckTest {
    static final LogonSettings SAFE_LOGON = new LogonSettings(false, false, null, "test");

    static AccountProbe probe(LogonSettings logon, LocalAccount... accounts) {
        return new AccountProbe() {
            @Override
            public List<LocalAccount> accounts() {
                return List.of(accounts);
            }

            @Override
            public LogonSettings logonSettings() {
                return logon;
            }
        };
    }

    static LocalAccount account(String name, PasswordState state, Instant lastSet, boolean admin, String... groups) {
        return new LocalAccount(name, "1000", true, false, state, lastSet, Instant.parse("2026-11-20T08:00:00Z"),
                Set.of(groups), admin, "/etc/shadow");
    }

    static Instant daysAgo(int days) {
        return TestPolicies.NOW.minus(Duration.ofDays(days));
    }

    private static CheckResult run(String maxAge, LogonSettings logon, LocalAccount... accounts) {
        return new AccountsCheck(probe(logon, accounts), TestPolicies.CLOCK)
                .run(TestPolicies.everyControl(y -> y.replace("maxAge: P1Y", "maxAge: " + maxAge)));
    }

    @Test
    void passwordOlderThanAYearFailsTheYearlyRule() {
        CheckResult r = run("P1Y", SAFE_LOGON, account("alice", PasswordState.SET, daysAgo(400), false));
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.summary().contains("400 days ago"), r.summary());
    }

    @Test
    void samePasswordPassesWhenThePolicySetsNoInterval() {
        assertEquals(Status.PASS, run("none", SAFE_LOGON, account("alice", PasswordState.SET, daysAgo(400), false))
                .status());
    }

    @Test
    void monthlyRuleFailsAPasswordSetFortyDaysAgo() {
        assertEquals(Status.FAIL, run("P1M", SAFE_LOGON, account("bob", PasswordState.SET, daysAgo(40), false))
                .status());
        assertEquals(Status.PASS, run("P1M", SAFE_LOGON, account("bob", PasswordState.SET, daysAgo(20), false))
                .status());
    }

    @Test
    void termRuleFailsAPasswordSetBeforeTheCurrentTermBegan() {
        // Autumn 2026 began on 2026-09-03; "now" is 2026-11-23.
        CheckResult before = run("term", SAFE_LOGON,
                account("carol", PasswordState.SET, Instant.parse("2026-08-30T12:00:00Z"), false));
        assertEquals(Status.FAIL, before.status());
        assertTrue(before.summary().contains("Autumn 2026"), before.summary());
        assertEquals(Status.PASS, run("term", SAFE_LOGON,
                account("carol", PasswordState.SET, Instant.parse("2026-09-10T12:00:00Z"), false)).status());
    }

    @Test
    void termRuleIsUnknownWhenTheCalendarHasRunOut() {
        CheckResult r = new AccountsCheck(probe(SAFE_LOGON, account("carol", PasswordState.SET, daysAgo(1), false)),
                java.time.Clock.fixed(Instant.parse("2027-05-01T10:00:00Z"), java.time.ZoneOffset.UTC))
                .run(TestPolicies.everyControl(y -> y.replace("maxAge: P1Y", "maxAge: term")));
        assertEquals(Status.UNKNOWN, r.status());
        assertTrue(r.summary().contains("term dates"), r.summary());
    }

    @Test
    void emptyPasswordFails() {
        CheckResult r = run("none", SAFE_LOGON, account("kiosk", PasswordState.EMPTY, null, false));
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.summary().contains("no password"));
    }

    @Test
    void unknownPasswordAgeIsUnknown() {
        assertEquals(Status.UNKNOWN, run("P1Y", SAFE_LOGON, account("dan", PasswordState.SET, null, false)).status());
    }

    @Test
    void guestAndAutomaticLogonFail() {
        CheckResult r = run("none", new LogonSettings(true, true, "kiosk", "gdm"),
                account("alice", PasswordState.SET, daysAgo(3), false));
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.summary().contains("guest access"), r.summary());
        assertTrue(r.summary().contains("automatic logon: is on for kiosk"), r.summary());
    }

    @Test
    void unreadableLogonSettingsAreUnknown() {
        assertEquals(Status.UNKNOWN, run("none", new LogonSettings(null, false, null, "?"),
                account("alice", PasswordState.SET, daysAgo(3), false)).status());
    }

    @Test
    void genericSharedAccountFails() {
        CheckResult r = run("none", SAFE_LOGON, account("Staff", PasswordState.SET, daysAgo(3), false));
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.summary().contains("shared"));
    }

    @Test
    void lastLogonIsReportedForTheAccessRecord() {
        CheckResult r = run("none", SAFE_LOGON, account("alice", PasswordState.SET, daysAgo(3), false));
        assertTrue(r.evidence().stream().anyMatch(e -> e.item().equals("account alice")
                && e.value().contains("last logon 2026-11-20T08:00:00Z")));
    }

    @Test
    void serviceAndDisabledAccountsAreNotJudged() {
        LocalAccount service = new LocalAccount("www-data", "33", false, false, PasswordState.EMPTY, null, null,
                Set.of(), false, "/etc/shadow");
        LocalAccount disabled = new LocalAccount("leaver", "1003", true, true, PasswordState.EMPTY, null, null,
                Set.of(), false, "/etc/shadow");
        assertEquals(Status.PASS, run("none", SAFE_LOGON, service, disabled,
                account("alice", PasswordState.SET, daysAgo(3), false)).status());
    }
}
