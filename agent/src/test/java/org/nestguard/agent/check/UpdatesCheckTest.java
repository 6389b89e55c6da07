package org.nestguard.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.nestguard.agent.platform.OsRelease;
import org.nestguard.agent.platform.PendingUpdate;
import org.nestguard.agent.platform.PendingUpdates;
import org.nestguard.agent.platform.UpdateProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdatesCheckTest {
    private static final OsRelease BOOKWORM = new OsRelease("debian", "Debian GNU/Linux 12 (bookworm)", "12", null,
            "/etc/os-release");

    private static UpdateProbe probe(OsRelease release, PendingUpdate... pending) {
        return probe(release, TestPolicies.NOW.minus(Duration.ofHours(3)), pending);
    }

    private static UpdateProbe probe(OsRelease release, Instant catalogRefreshed, PendingUpdate... pending) {
        return new UpdateProbe() {
            @Override
            public OsRelease release() {
                return release;
            }

            @Override
            public PendingUpdates pending() {
                return new PendingUpdates(List.of(pending), catalogRefreshed, "test catalogue");
            }
        };
    }

    private static CheckResult run(Clock clock, FirstSeenLedger ledger, OsRelease release, PendingUpdate... pending) {
        return new UpdatesCheck(probe(release, clock.instant().minus(Duration.ofHours(3)), pending),
                OsLifecycle.bundled(), ledger, clock)
                .run(TestPolicies.everyControl());
    }

    private static CheckResult run(OsRelease release, PendingUpdate... pending) {
        return run(TestPolicies.CLOCK, FirstSeenLedger.inMemory(TestPolicies.CLOCK), release, pending);
    }

    @Test
    void supportedReleaseWithNothingPendingPasses() {
        CheckResult r = run(new OsRelease("debian", "Debian 13", "13", null, "x"));
        assertEquals(Status.PASS, r.status());
    }

    @Test
    void debianTwelveIsOnLtsAndSaysSo() {
        CheckResult r = run(BOOKWORM);
        assertEquals(Status.PASS, r.status());
        assertTrue(r.evidence().get(0).value().contains("Debian LTS"), r.evidence().get(0).value());
    }

    @Test
    void windowsTenIsOutOfSupport() {
        CheckResult r = run(new OsRelease("windows", "Windows 10 Education", "22H2", "19045", "registry"));
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.summary().contains("2025-10-14"), r.summary());
    }

    @Test
    void educationEditionsGetTheirLongerLife() {
        assertEquals(Status.PASS, run(new OsRelease("windows", "Windows 11 Education", "24H2", "26100", "r")).status());
        assertEquals(Status.FAIL, run(new OsRelease("windows", "Windows 11 Pro", "24H2", "26100", "r")).status());
    }

    @Test
    void unlistedReleaseIsUnknownNotGuessed() {
        CheckResult r = run(new OsRelease("debian", "Debian 99", "99", null, "x"));
        assertEquals(Status.UNKNOWN, r.status());
        assertTrue(r.summary().contains("os-lifecycle.yaml"));
    }

    @Test
    void securityUpdatePublishedLongAgoFailsButRecentOnePasses() {
        PendingUpdate old = new PendingUpdate("KB5040442", null, true,
                TestPolicies.NOW.minus(Duration.ofDays(30)), "Windows Update");
        PendingUpdate recent = new PendingUpdate("KB5050000", null, true,
                TestPolicies.NOW.minus(Duration.ofDays(3)), "Windows Update");
        OsRelease win11 = new OsRelease("windows", "Windows 11 Education", "24H2", "26100", "r");
        assertEquals(Status.FAIL, run(win11, old, recent).status());
        assertEquals(Status.PASS, run(win11, recent).status());
    }

    @Test
    void nonSecurityUpdatesDoNotFail() {
        assertEquals(Status.PASS, run(BOOKWORM, new PendingUpdate("vim", "2:9.0", false, null, "apt")).status());
    }

    @Test
    void undatedUpdateCountsFromWhenTheAgentFirstSawItAcrossRuns(@TempDir Path state) throws Exception {
        PendingUpdate openssl = new PendingUpdate("openssl", "3.0.17-1~deb12u3", true, null, "apt");
        Path file = state.resolve("pending-updates.json");
        Clock day0 = TestPolicies.CLOCK;
        assertEquals(Status.PASS, run(day0, FirstSeenLedger.open(file, day0), BOOKWORM, openssl).status());
        Clock day20 = Clock.fixed(TestPolicies.NOW.plus(Duration.ofDays(20)), ZoneOffset.UTC);
        CheckResult later = run(day20, FirstSeenLedger.open(file, day20), BOOKWORM, openssl);
        assertEquals(Status.FAIL, later.status());
        assertTrue(later.summary().contains("first seen by the agent " + TestPolicies.NOW), later.summary());
    }

    @Test
    void aCatalogueNotRefreshedForWeeksFailsEvenWithNothingPending() {
        CheckResult r = new UpdatesCheck(probe(BOOKWORM, TestPolicies.NOW.minus(Duration.ofDays(60))),
                OsLifecycle.bundled(), FirstSeenLedger.inMemory(TestPolicies.CLOCK), TestPolicies.CLOCK)
                .run(TestPolicies.everyControl());
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.summary().contains("not checking for updates"), r.summary());
    }

    @Test
    void anUnknownCatalogueAgeIsUnknown() {
        CheckResult r = new UpdatesCheck(probe(BOOKWORM, (Instant) null), OsLifecycle.bundled(),
                FirstSeenLedger.inMemory(TestPolicies.CLOCK), TestPolicies.CLOCK).run(TestPolicies.everyControl());
        assertEquals(Status.UNKNOWN, r.status());
    }

    @Test
    void aNewerCandidateForTheSamePackageDoesNotRestartTheClock(@TempDir Path state) throws Exception {
        Path file = state.resolve("pending-updates.json");
        run(TestPolicies.CLOCK, FirstSeenLedger.open(file, TestPolicies.CLOCK), BOOKWORM,
                new PendingUpdate("openssl", "3.0.14", true, null, "apt"));
        Clock day20 = Clock.fixed(TestPolicies.NOW.plus(Duration.ofDays(20)), ZoneOffset.UTC);
        CheckResult later = new UpdatesCheck(probe(BOOKWORM, day20.instant(),
                new PendingUpdate("openssl", "3.0.15", true, null, "apt")), OsLifecycle.bundled(),
                FirstSeenLedger.open(file, day20), day20).run(TestPolicies.everyControl());
        assertEquals(Status.FAIL, later.status(), later.summary());
    }

    @Test
    void installedUpdatesAreForgotten(@TempDir Path state) throws Exception {
        Path file = state.resolve("pending-updates.json");
        PendingUpdate openssl = new PendingUpdate("openssl", "3", true, null, "apt");
        run(TestPolicies.CLOCK, FirstSeenLedger.open(file, TestPolicies.CLOCK), BOOKWORM, openssl);
        run(TestPolicies.CLOCK, FirstSeenLedger.open(file, TestPolicies.CLOCK), BOOKWORM);
        Instant later = TestPolicies.NOW.plus(Duration.ofDays(30));
        FirstSeenLedger reopened = FirstSeenLedger.open(file, Clock.fixed(later, ZoneOffset.UTC));
        assertEquals(later, reopened.firstSeen("openssl"));
    }
}
