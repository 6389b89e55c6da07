package org.nestguard.agent.service;

import static org.mockito.Mockito.mock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.files.FileIndex;
import org.nestguard.agent.files.FileScanner;
import org.nestguard.agent.files.HashListStore;
import org.nestguard.agent.files.IsolationRefusedException;
import org.nestguard.agent.files.StreamingHasher;
import org.nestguard.agent.history.LinuxProfileDiscovery;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.protocol.files.FileFlagged;

/**
 * The file checks on this Linux machine for real: a disposable local account is made with useradd, found through
 * the same discovery the agent uses, and a file matching a loaded hash list dropped into its Downloads is flagged
 * by the watch. Needs root and useradd (as in CI); skipped, saying so, elsewhere.
 */
class FileScanRealAccountTest {
    @TempDir
    Path dir;

    @Test
    void aFileDroppedIntoARealAccountsDownloadsIsFlaggedWithinSeconds() throws Exception {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"),
                "not Linux: the real-account file check runs on Linux only");
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: creating a disposable account needs "
                + "root (CI runs as root)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")), "useradd is missing (Debian package passwd)");
        String account = "ngscan" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        run("/usr/sbin/useradd", "--create-home", "--shell", "/bin/bash", account);
        try {
            Path downloads = Path.of("/home", account, "Downloads");
            Files.createDirectories(downloads);
            run("/bin/chown", account + ":", downloads.toString());
            AgentHome home = new AgentHome(dir.resolve("agent"));
            home.create();
            Path list = Files.writeString(dir.resolve("caid.txt"), FileScanCycleTest.EICAR_SHA256 + "\n");
            new HashListStore(home, Clock.systemUTC()).importFile(list, "police-caid", "test list", null);
            try (Outbox outbox = Outbox.open(home.outbox(), OutboxConfig.defaults())) {
                FileScanner scanner = new FileScanner(FileIndex.open(home.fileIndex()), new StreamingHasher(),
                        (f, m, c) -> {
                            throw new IsolationRefusedException("this build has no quarantine vault");
                        }, FileScanCycle.sinkFor(outbox), Clock.systemUTC());
                try (FileScanCycle cycle = new FileScanCycle(scanner,
                        new LinuxProfileDiscovery(HostRoot.live())::accountHomes,
                        mock(AccountProbe.class), new HashListStore(home, Clock.systemUTC()), outbox,
                Clock.systemUTC())) {
                    cycle.run(FileScanCycleTest.policy());
                    Path dropped = downloads.resolve("holiday.com");
                    Files.writeString(dropped, FileScanCycleTest.EICAR);
                    run("/bin/chown", account + ":", dropped.toString());
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    List<JsonNode> flags = List.of();
                    while (flags.isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                        flags = outbox.pending(10_000, 64L << 20).stream()
                                .filter(e -> e.type().equals(FileFlagged.TYPE))
                                .map(org.nestguard.protocol.wire.Event::payload).toList();
                    }
                    assertEquals(1, flags.size(), "the dropped file was flagged within 10 s");
                    assertEquals(account, flags.get(0).at("/facts/account").asText());
                    assertEquals(account, flags.get(0).at("/facts/owner").asText());
                    assertTrue(flags.get(0).at("/facts/path").asText().endsWith("/Downloads/holiday.com"));
                }
            }
        } finally {
            run("/usr/sbin/userdel", "--remove", account);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
