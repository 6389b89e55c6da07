package org.nestguard.agent.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.outbox.RetentionHold;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.QuarantineChange;
import org.nestguard.protocol.files.VaultCipher;

/**
 * Kills an agent with SIGKILL after every durable step of isolation and of release, runs recovery as the restarted
 * agent would, and checks that the file is whole at its path or whole in the vault (opening with the key only the
 * test holds), never in both, and that no plain temporary is left behind.
 */
class VaultCrashTest {
    private static final List<VaultStep> ISOLATION = List.of(VaultStep.JOURNALLED, VaultStep.SEALED,
            VaultStep.VERIFIED, VaultStep.STORED, VaultStep.NOTED, VaultStep.RECORDED);
    private static final List<VaultStep> RELEASE = List.of(VaultStep.JOURNALLED, VaultStep.RESTORED,
            VaultStep.RENAMED, VaultStep.REMOVED, VaultStep.RECORDED);

    @TempDir
    Path dir;

    @Test
    void killingIsolationAtEveryStepNeverLosesTheFileNorLeavesTwoCopies() throws Exception {
        List<String> outcomes = killAtEach("isolate", ISOLATION);
        System.out.println("VaultCrashTest isolation: " + outcomes);
        assertTrue(outcomes.get(0).endsWith("at its path"), outcomes.toString());
        assertTrue(outcomes.get(outcomes.size() - 1).endsWith("in the vault"), outcomes.toString());
    }

    @Test
    void killingReleaseAtEveryStepNeverLosesTheFileNorLeavesTwoCopies() throws Exception {
        List<String> outcomes = killAtEach("release", RELEASE);
        System.out.println("VaultCrashTest release: " + outcomes);
        assertTrue(outcomes.get(0).endsWith("in the vault"), outcomes.toString());
        assertTrue(outcomes.get(outcomes.size() - 1).endsWith("at its path"), outcomes.toString());
    }

    /** Each step in its own folder, three at a time: a child JVM's start-up, not the vault, sets the pace. */
    private List<String> killAtEach(String operation, List<VaultStep> steps) throws Exception {
        ExecutorService lanes = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (VaultStep step : steps) {
                results.add(lanes.submit(() -> step + ": " + killAndRecover(operation, step)));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                try {
                    outcomes.add(result.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return outcomes;
        } finally {
            lanes.shutdownNow();
        }
    }

    private String killAndRecover(String operation, VaultStep step) throws Exception {
        Path lane = Files.createDirectories(dir.resolve(operation + "-" + step));
        AgentHome home = new AgentHome(lane.resolve("data"));
        home.create();
        new EvidenceKeyStore(home).store(Pem.write(VaultFixture.EVIDENCE.getPublic()), "test evidence key");
        Path privateKey = lane.resolve("test-only-evidence.key"); // outside the data folder: the console's half
        Files.writeString(privateKey, Pem.write(VaultFixture.EVIDENCE.getPrivate()));
        Path folder = Files.createDirectories(lane.resolve("home/pupil1/Pictures"));
        Path file = folder.resolve("IMG_0002.jpg");
        byte[] content = new byte[(3 << 20) / 2]; // two cipher chunks
        new Random(step.ordinal()).nextBytes(content);
        Files.write(file, content);
        String sha256 = Vault.sha256Of(file);

        Path stdout = lane.resolve("child-stdout.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                "-cp", System.getProperty("java.class.path"), VaultCrashChild.class.getName(),
                home.root().toString(), file.toString(), privateKey.toString(), operation, step.name())
                .redirectOutput(stdout.toFile())
                .redirectError(lane.resolve("child-stderr.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(stdout).contains("reached " + step)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError(operation + " never reached " + step + ": "
                        + Files.readString(lane.resolve("child-stderr.txt")));
            }
            Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        try (Outbox outbox = Outbox.open(home.outbox(), OutboxConfig.defaults())) {
            Vault vault = new Vault(new VaultStore(home.vault()), new EvidenceKeyStore(home), outbox,
                    RetentionHold.NONE, () -> VaultFixture.NOTE, Clock.systemUTC(), VaultSteps.NONE);
            vault.recover();
            String where = whereIsTheFile(vault, file, sha256, operation + " killed at " + step);
            if (step != VaultStep.RECORDED || operation.equals("release")) {
                assertTrue(outbox.pending(1000, Long.MAX_VALUE).stream().anyMatch(e ->
                        e.type().equals(QuarantineChange.TYPE) && e.payload().get("action").asText()
                                .equals("recovered")), operation + " killed at " + step + ": RECOVERED recorded");
            }
            return where;
        }
    }

    private static String whereIsTheFile(Vault vault, Path file, String sha256, String when) throws Exception {
        boolean atPath = Files.isRegularFile(file) && Vault.sha256Of(file).equals(sha256);
        List<VaultRecord> records = vault.list();
        boolean inVault = false;
        if (!records.isEmpty()) {
            assertEquals(1, records.size(), when);
            VaultRecord record = records.get(0);
            assertEquals(sha256, opened(vault.store().sealed(record.itemId()), record),
                    when + ": the item opens whole");
            inVault = true;
            assertTrue(Files.readString(file).contains(record.itemId()), when + ": the note is at the path");
        }
        assertTrue(atPath ^ inVault, when + ": the file must be whole in exactly one place (at its path: " + atPath
                + ", in the vault: " + inVault + ")");
        try (Stream<Path> beside = Files.list(file.getParent()); Stream<Path> vaulted = Files.list(vault.store()
                .folder())) {
            assertEquals(List.of(file.getFileName().toString()), beside.map(p -> p.getFileName().toString())
                    .toList(), when + ": no temporary beside the path");
            assertTrue(vaulted.noneMatch(p -> p.toString().endsWith(".part") || p.toString().endsWith(".journal")),
                    when + ": no part or journal left in the vault");
        }
        return inVault ? "in the vault" : "at its path";
    }

    private static String opened(Path sealed, VaultRecord record) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(sealed);
             OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            VaultCipher.open(in, out, VaultFixture.itemKey(record));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
