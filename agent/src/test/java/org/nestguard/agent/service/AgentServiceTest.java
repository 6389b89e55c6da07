package org.nestguard.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.check.CheckResult;
import org.nestguard.agent.check.Control;
import org.nestguard.agent.check.Status;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.enrolment.DeviceIdentity;
import org.nestguard.agent.enrolment.Enroller;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.transport.ConsoleClient;
import org.nestguard.protocol.crypto.PinnedTrust;
import org.nestguard.agent.history.CanaryDiscovery;
import org.nestguard.agent.history.CanaryHistory;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LogonSettings;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.protocol.monitoring.Categories;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.SelfTest;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.WireJson;
import org.nestguard.protocol.wire.DeviceFacts;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.NetworkLocation;

/** The service against a stand-in console over real mutual TLS: uploads, acks, offline, commands, revocation. */
class AgentServiceTest {
    static final DeviceFacts FACTS = new DeviceFacts("test-host", "Linux", "Test OS", "1", "Maker", "Model",
            "SN-1", "uuid-1", List.of("02:00:00:00:00:01"));

    @TempDir
    Path data;
    TestConsole console;
    AgentHome home;
    Outbox outbox;
    final AtomicInteger cycles = new AtomicInteger();

    static String policy() throws Exception {
        try (var in = AgentServiceTest.class.getResourceAsStream("/policies/every-control.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void enrol() throws Exception {
        console = new TestConsole(policy());
        home = new AgentHome(data);
        new Enroller(home, () -> FACTS, Clock.systemUTC(), Duration.ofSeconds(10))
                .enroll(Enroller.consoleUri(console.url()), "token", console.fingerprint());
        outbox = Outbox.open(home.outbox(), OutboxConfig.defaults());
    }

    @AfterEach
    void close() throws Exception {
        outbox.close();
        console.close();
    }

    AgentService service() throws Exception {
        DeviceIdentity identity = home.readIdentity();
        ConsoleClient client = new ConsoleClient(URI.create(home.readEnrolment().consoleUrl()),
                new PinnedTrust(Clock.systemUTC()).forDevice(identity.key(), List.of(identity.certificate()),
                        identity.ca()), Duration.ofSeconds(5));
        CheckRunner checks = policy -> {
            cycles.incrementAndGet();
            return List.of(new CheckResult(Control.FIREWALL, Status.PASS, "firewall on", List.of(), List.of()),
                    new CheckResult(Control.ENCRYPTION, Status.FAIL, "disk not encrypted", List.of(), List.of()));
        };
        CanaryHistory canary = new CanaryHistory(home.canaryHistory());
        Uploader uploader = new Uploader(client, outbox, new CommandExecutor(home, outbox, HandledCommands.open(home),
                canary, Clock.systemUTC(), null),
                () -> new NetworkLocation("192.168.1.1", null, null, List.of("192.168.1.20")), () -> 1);
        // no browsers on this test's "device": only the self-test canary, once a self-test has written it
        HistoryCollection history = HistoryCollection.open(home, List::of, canary, new NoAccounts(), outbox,
                Clock.systemUTC(), Duration.ZERO);
        return new AgentService(home, new CheckCycle(checks, outbox, Clock.systemUTC()), history, uploader,
                new Jitter(new Random(1)), Clock.systemUTC());
    }

    @Test
    void enrolmentWritesTheDataFolderOwnerOnly() throws Exception {
        assertTrue(home.isEnrolled());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.deviceKey())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals(1, home.readPolicyVersion());
        assertEquals("device-1", home.readEnrolment().deviceId());
    }

    @Test
    void runOnceUploadsEveryResultAndAcksTrimTheOutbox() throws Exception {
        UploadResult result = service().runOnce();
        assertEquals(UploadResult.State.SENT, result.state());
        List<Event> events = console.events();
        assertEquals(List.of("check-result", "check-result", "check-cycle"), events.stream().map(Event::type).toList());
        assertEquals("encryption", events.get(1).payload().path("control").asText());
        assertEquals(0, outbox.status().unacknowledged());
        assertTrue(outbox.pending(10, 1 << 20).isEmpty());
    }

    @Test
    void offlineThenOnlineEverythingArrivesInOrderOnce() throws Exception {
        int port = console.port();
        console.stop();
        AgentService service = service();
        assertEquals(UploadResult.State.OFFLINE, service.runOnce().state());
        assertEquals(UploadResult.State.OFFLINE, service.runOnce().state());
        assertEquals(6, outbox.status().unacknowledged());
        console.start(port);
        assertEquals(UploadResult.State.SENT, service.runOnce().state());
        List<Event> events = console.events();
        assertEquals(9, events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).sequence());
        }
        assertEquals(0, outbox.status().unacknowledged());
    }

    @Test
    void commandsAreCarriedOutOnceEvenWhenRedelivered() throws Exception {
        Command checkNow = new Command("cmd-1", "check-now", JsonNodeFactory.instance.objectNode());
        console.pending.add(checkNow);
        AgentService service = service();
        service.runOnce();
        assertEquals(2, cycles.get(), "the initial cycle plus the one check-now asked for");
        // The console delivers it again, as it may before it has stored the result.
        console.pending.add(checkNow);
        service.runOnce();
        assertEquals(3, cycles.get(), "only the --once cycle; cmd-1 was not run again");
        assertEquals(1, console.events().stream().filter(e -> e.type().equals("command-result")).count());
    }

    @Test
    void updatePolicyIsValidatedAndStored() throws Exception {
        var payload = JsonNodeFactory.instance.objectNode().put("version", 2).put("yaml", policy());
        console.pending.add(new Command("cmd-2", "update-policy", payload));
        console.pending.add(new Command("cmd-3", "update-policy",
                JsonNodeFactory.instance.objectNode().put("version", 3).put("yaml", "schemaVersion: 99\n")));
        service().runOnce();
        assertEquals(2, home.readPolicyVersion(), "version 2 stored, the invalid version 3 refused");
        List<String> outcomes = console.events().stream().filter(e -> e.type().equals("command-result"))
                .map(e -> e.payload().path("commandId").asText() + ":" + e.payload().path("outcome").asText())
                .toList();
        assertEquals(List.of("cmd-2:done", "cmd-3:failed"), outcomes);
    }

    @Test
    void aRevokedDeviceStopsAndSaysSo() throws Exception {
        console.revoked = true;
        UploadResult result = service().runOnce();
        assertEquals(UploadResult.State.REVOKED, result.state());
        assertTrue(result.message().contains("re-enrol"), result.message());
        assertEquals(3, outbox.status().unacknowledged(), "nothing is thrown away");
    }

    @Test
    void aSelfTestsCanaryComesBackAsAFlagThroughTheCollectorAndClassifier() throws Exception {
        var payload = JsonNodeFactory.instance.objectNode().put("selfTestId", "st-42");
        console.pending.add(new Command("cmd-4", SelfTest.COMMAND, payload));

        assertEquals(UploadResult.State.SENT, service().runOnce().state());

        List<Event> flags = console.events().stream().filter(e -> e.type().equals(FlagRaised.TYPE)).toList();
        assertEquals(1, flags.size(), console.events().toString());
        FlagRaised flag = WireJson.mapper().treeToValue(flags.get(0).payload(), FlagRaised.class);
        assertEquals("st-42", flag.selfTestId());
        assertEquals(SelfTest.url("st-42"), flag.visit().url());
        assertEquals(Categories.SELF_TEST, flag.flags().get(0).category());
        assertEquals(CanaryDiscovery.BROWSER, flag.visit().browser());
        assertTrue(console.events().stream().anyMatch(e -> e.type().equals("command-result")
                && e.payload().path("outcome").asText().equals("done")), "the command's own result is reported");

        service().runOnce();
        assertEquals(1, console.events().stream().filter(e -> e.type().equals(FlagRaised.TYPE)).count(),
                "the canary visit is collected once");
    }

    @Test
    void aSelfTestWithoutAUsableIdIsRefusedAndWritesNoCanary() throws Exception {
        var payload = JsonNodeFactory.instance.objectNode().put("selfTestId", "../../etc/passwd");
        console.pending.add(new Command("cmd-5", SelfTest.COMMAND, payload));

        service().runOnce();

        assertTrue(console.events().stream().anyMatch(e -> e.type().equals("command-result")
                && e.payload().path("outcome").asText().equals("failed")), console.events().toString());
        assertFalse(Files.exists(home.canaryHistory()));
    }

    /** A device whose accounts cannot be read: learners are then told by name only. */
    private static final class NoAccounts implements AccountProbe {
        @Override
        public List<LocalAccount> accounts() throws ProbeException {
            throw new ProbeException("no accounts in this test");
        }

        @Override
        public LogonSettings logonSettings() throws ProbeException {
            throw new ProbeException("no logon settings in this test");
        }
    }
}
