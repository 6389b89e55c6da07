package org.nestguard.agent.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.enrolment.DeviceIdentity;
import org.nestguard.agent.enrolment.Enroller;
import org.nestguard.agent.quarantine.EvidenceKeyStore;
import org.nestguard.agent.transport.ConsoleClient;
import org.nestguard.protocol.crypto.PinnedTrust;
import org.nestguard.protocol.crypto.Pem;

/** Enrolment stores the evidence key; an evidence archive travels streamed over mutual TLS, whole or not at all. */
class EvidenceUploadTest {
    @TempDir
    Path data;
    private TestConsole console;
    private AgentHome home;
    private String evidencePem;

    @BeforeEach
    void enrol() throws Exception {
        console = new TestConsole(AgentServiceTest.policy());
        // The quarantine tests' 3072-bit key: generating one per test is slow on a busy machine.
        try (var in = EvidenceUploadTest.class.getResourceAsStream("/quarantine/test-evidence-key.pem")) {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) Pem.readPrivateKey(new String(in.readAllBytes(),
                    StandardCharsets.US_ASCII), "test key");
            evidencePem = Pem.write(KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
        }
        console.evidenceKeyPem = evidencePem;
        home = new AgentHome(data);
        new Enroller(home, () -> AgentServiceTest.FACTS, Clock.systemUTC(), Duration.ofSeconds(10))
                .enroll(Enroller.consoleUri(console.url()), "token", console.fingerprint());
    }

    @AfterEach
    void close() {
        console.close();
    }

    private ConsoleClient client() {
        DeviceIdentity identity = home.readIdentity();
        return new ConsoleClient(URI.create(console.url()), new PinnedTrust(Clock.systemUTC()).forDevice(
                identity.key(), List.of(identity.certificate()), identity.ca()), Duration.ofSeconds(10));
    }

    @Test
    void enrolmentStoresTheConsolesEvidenceKey() throws Exception {
        assertEquals(Pem.readPublicKey(evidencePem, "sent"), new EvidenceKeyStore(home).read().orElseThrow());
        assertTrue(Files.isRegularFile(home.evidenceKey()));
    }

    @Test
    void anArchiveLargerThanAnyBufferArrivesWhole() throws Exception {
        byte[] archive = new byte[5 << 20];
        new Random(3).nextBytes(archive);

        client().putEvidence("exp-1", out -> {
            for (int offset = 0; offset < archive.length; offset += 65536) {
                out.write(archive, offset, Math.min(65536, archive.length - offset));
            }
        });

        assertArrayEquals(archive, console.evidence.get("exp-1"));
    }

    @Test
    void anArchiveThatFailsWhileBeingWrittenIsNotStored() {
        IOException failed = assertThrows(IOException.class, () -> client().putEvidence("exp-2", out -> {
            out.write(new byte[300_000]);
            throw new IOException("the vault item could not be read");
        }));

        assertTrue(failed.getMessage().contains("exp-2"), failed.getMessage());
        assertFalse(console.evidence.containsKey("exp-2"), "a truncated archive must never count as stored");
    }
}
