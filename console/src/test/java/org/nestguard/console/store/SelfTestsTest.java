package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Categories;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.SelfTest;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;

class SelfTestsTest extends MonitoringTestBase {

    /** The canary flag an agent raises for the self-test, its visit {@code agentDelay} before now. */
    private FlagRaised canary(String selfTestId, Duration agentDelay) {
        Visit visit = new Visit(clock.instant().minus(agentDelay), SelfTest.url(selfTestId), SelfTest.PHRASE,
                "chrome", "Default", "pupil1", AccountKind.LEARNER, "typed", null);
        return new FlagRaised("canary-" + selfTestId, visit, List.of(new Flag(Categories.SELF_TEST, Severity.LOW,
                Flag.Source.SELF_TEST, "self-test", SelfTest.PHRASE, "the self-test phrase")), List.of(), List.of(),
                selfTestId);
    }

    private Person technical() {
        return person("Tech", null, List.of(), Role.TECHNICAL);
    }

    @StoreTest
    void aSelfTestPassesWhenItsCanaryFlagArrivesAndNeverEntersTheQueue(StoreKind kind) {
        openMonitoring(kind);
        Person tech = technical();
        SelfTestRecord asked = selfTests.request(tech, allDevice);
        assertEquals(SelfTestStatus.WAITING, asked.status());
        StoredCommand command = new Commands(database, clock).pending(allDevice).get(0);
        assertEquals(SelfTest.COMMAND, command.type());
        assertEquals(asked.id(), command.payload().get("selfTestId").asText());
        assertEquals(command.id(), asked.commandId());

        clock.advance(Duration.ofMinutes(3));
        checkIn(allDevice, MonitoringFixture.flag(1, canary(asked.id(), Duration.ofSeconds(40))));
        SelfTestRecord passed = selfTests.log(tech, null, null, null).get(0);
        assertEquals(SelfTestStatus.PASSED, passed.status());
        assertEquals(Duration.ofMinutes(3).toMillis(), passed.endToEndMillis());
        assertEquals(Duration.ofSeconds(40).toMillis(), passed.agentMillis());
        assertEquals("class-1", passed.hostname());
        assertEquals(tech.name(), passed.requestedBy());

        assertEquals(0, count("SELECT COUNT(*) FROM flags"), "a self-test flag is no one's concern");
        assertEquals(0, count("SELECT COUNT(*) FROM visits"), "nor is the canary anyone's history");
        assertTrue(flags.queue(dsl(), new FlagQuery(null, null, null, null, null, 10, null)).flags().isEmpty());

        clock.advance(Duration.ofMinutes(1));
        checkIn(allDevice, MonitoringFixture.flag(2, new FlagRaised("canary-again", canary(asked.id(), Duration.ZERO)
                .visit(), canary(asked.id(), Duration.ZERO).flags(), List.of(), List.of(), asked.id())));
        assertEquals(passed, selfTests.log(tech, null, null, null).get(0), "a repeated answer changes nothing");
    }

    @StoreTest
    void aSelfTestWithNoAnswerWaitsThenFailsAfterTheTimeoutAndALateAnswerSaysSo(StoreKind kind) {
        openMonitoring(kind);
        Person tech = technical();
        SelfTestRecord asked = selfTests.request(tech, flaggedDevice);
        clock.advance(SelfTests.TIMEOUT);
        assertEquals(SelfTestStatus.WAITING, selfTests.log(tech, null, null, null).get(0).status());
        clock.advance(Duration.ofSeconds(1));
        SelfTestRecord failed = selfTests.log(tech, null, null, null).get(0);
        assertEquals(SelfTestStatus.FAILED, failed.status());
        assertNull(failed.endToEndMillis());
        checkIn(flaggedDevice, MonitoringFixture.flag(1, canary(asked.id(), Duration.ofMinutes(1))));
        assertEquals(SelfTestStatus.LATE, selfTests.log(tech, null, null, null).get(0).status());
    }

    @StoreTest
    void aFlagNamingASelfTestItsDeviceWasNotAskedToRunGoesToTheQueue(StoreKind kind) {
        openMonitoring(kind);
        Person tech = technical();
        SelfTestRecord othersTest = selfTests.request(tech, flaggedDevice);
        checkIn(allDevice, MonitoringFixture.flag(1, canary("made-up", Duration.ZERO)),
                MonitoringFixture.flag(2, canary(othersTest.id(), Duration.ZERO)));
        assertEquals(2, count("SELECT COUNT(*) FROM flags"), "claiming to be a self-test hides nothing");
        assertEquals(SelfTestStatus.WAITING, selfTests.log(tech, null, null, null).get(0).status());
    }

    @StoreTest
    void theLogIsDatedScopedToTheReadersSettingAndAudited(StoreKind kind) {
        openMonitoring(kind);
        Person tech = technical();
        selfTests.request(tech, allDevice);
        clock.advance(Duration.ofDays(40));
        Instant second = clock.instant();
        selfTests.request(tech, flaggedDevice);
        Person nurseryTech = person("Nursery tech", MonitoringFixture.UPLOADS_FLAGGED, List.of(), Role.TECHNICAL);

        assertEquals(List.of(allDevice, flaggedDevice), selfTests.log(tech, null, null, null).stream()
                .map(SelfTestRecord::deviceId).toList(), "oldest first");
        assertEquals(List.of(flaggedDevice), selfTests.log(tech, null, second, null).stream()
                .map(SelfTestRecord::deviceId).toList());
        assertEquals(List.of(allDevice), selfTests.log(tech, MonitoringFixture.UPLOADS_ALL, null, null).stream()
                .map(SelfTestRecord::deviceId).toList());
        assertEquals(List.of(flaggedDevice), selfTests.log(nurseryTech, null, null, null).stream()
                .map(SelfTestRecord::deviceId).toList(), "a technician of one setting sees that setting's");
        assertEquals(List.of(), selfTests.log(nurseryTech, MonitoringFixture.UPLOADS_ALL, null, null));
        // making the test's accounts is audited too: this test is about the self-tests' entries
        List<AuditEntry> entries = audit.read(person("Admin", null, List.of(), Role.ADMIN), null, null, 100, null)
                .entries().stream().filter(e -> !e.action().startsWith("account.")).toList();
        assertEquals("self-tests.read", entries.get(0).action());
        assertEquals("setting=" + MonitoringFixture.UPLOADS_ALL + "; rows=0", entries.get(0).detail());
        assertEquals("self-test.request", entries.get(entries.size() - 1).action());
        assertEquals("device " + allDevice, entries.get(entries.size() - 1).target());
    }
}
