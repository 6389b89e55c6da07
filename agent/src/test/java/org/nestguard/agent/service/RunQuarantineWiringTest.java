package org.nestguard.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.cli.RunCommand;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.enrolment.Enroller;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.files.HoldStatus;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.WireJson;
import picocli.CommandLine;

/**
 * {@code run --once} as installed: the vault is recovered at start, quarantine commands reach their handlers
 * through the check-in, and a hold is stored where the outbox consults it.
 */
class RunQuarantineWiringTest {
    @TempDir
    Path data;
    private TestConsole console;

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aHoldSentAtCheckInIsAppliedStoredAndAnswered() throws Exception {
        console = new TestConsole(AgentServiceTest.policy());
        try (var in = getClass().getResourceAsStream("/quarantine/test-evidence-key.pem")) {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) Pem.readPrivateKey(new String(in.readAllBytes(),
                    StandardCharsets.US_ASCII), "test key");
            console.evidenceKeyPem = Pem.write(KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
        }
        AgentHome home = new AgentHome(data);
        new Enroller(home, () -> AgentServiceTest.FACTS, Clock.systemUTC(), Duration.ofSeconds(10))
                .enroll(Enroller.consoleUri(console.url()), "token", console.fingerprint());
        console.pending.add(new Command("hold-cmd", FileCommands.HOLD,
                WireJson.mapper().valueToTree(new FileCommands.HoldOrder("hold-1", false))));
        console.pending.add(new Command("outing-cmd", FileCommands.OUTING_CHECK,
                WireJson.mapper().valueToTree(new FileCommands.OutingQuery("outing-1"))));

        int status = new CommandLine(new RunCommand()).execute("--once", "--data", data.toString());

        assertEquals(0, status);
        assertTrue(Files.isDirectory(home.vault()), "the vault was prepared and recovered at start");
        assertTrue(Files.isRegularFile(home.holdFile()), "the hold is stored in the data folder");
        List<Event> events = List.copyOf(console.stored.values());
        assertTrue(events.stream().anyMatch(e -> e.type().equals(HoldStatus.TYPE)
                && e.payload().get("active").asBoolean()), "a hold event reached the console");
        Event outing = events.stream().filter(e -> e.type().equals("command-result")
                && e.payload().get("commandId").asText().equals("outing-cmd")).findFirst().orElseThrow();
        assertEquals("failed", outing.payload().get("outcome").asText());
        assertTrue(outing.payload().get("message").asText().contains("on hold"), outing.payload().toString());
    }
}
