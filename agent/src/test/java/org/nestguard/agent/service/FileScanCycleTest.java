package org.nestguard.agent.service;

import static org.mockito.Mockito.mock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.files.FileIndex;
import org.nestguard.agent.files.FileScanner;
import org.nestguard.agent.files.HashListStore;
import org.nestguard.agent.files.IsolationRefusedException;
import org.nestguard.agent.files.ScanSummary;
import org.nestguard.agent.files.StreamingHasher;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.AccountHome;
import org.nestguard.protocol.files.FileFlagged;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyLoader;

class FileScanCycleTest {
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    static final String EICAR_SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";

    @TempDir
    Path dir;
    AgentHome home;
    Outbox outbox;
    FileScanCycle cycle;
    Path pupil;
    Policy policy;

    static Policy policy() throws Exception { // shared with FileScanRealAccountTest
        try (InputStream in = FileScanCycleTest.class.getResourceAsStream("/policies/file-checks.yaml")) {
            return new PolicyLoader().parse("file-checks.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void open() throws Exception {
        home = new AgentHome(dir.resolve("agent"));
        home.create();
        outbox = Outbox.open(home.outbox(), OutboxConfig.defaults());
        pupil = Files.createDirectories(dir.resolve("home/pupil-amy"));
        Files.createDirectories(pupil.resolve("Downloads"));
        Path list = Files.writeString(dir.resolve("caid.txt"), "# test list\n" + EICAR_SHA256 + "\n");
        new HashListStore(home, Clock.systemUTC()).importFile(list, "police-caid", "CAID category A", null);
        policy = policy();
        FileScanner scanner = new FileScanner(FileIndex.open(home.fileIndex()), new StreamingHasher(),
                (facts, matches, id) -> {
                    throw new IsolationRefusedException("this build has no quarantine vault");
                }, FileScanCycle.sinkFor(outbox), Clock.systemUTC());
        cycle = new FileScanCycle(scanner, () -> List.of(new AccountHome("pupil-amy", pupil)),
                mock(AccountProbe.class), new HashListStore(home, Clock.systemUTC()), outbox,
                Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        cycle.close();
        outbox.close();
    }

    private List<JsonNode> events(String type) throws Exception {
        return outbox.pending(10_000, 64L << 20).stream().filter(e -> e.type().equals(type))
                .map(org.nestguard.protocol.wire.Event::payload).toList();
    }

    @Test
    void aRescanFlagsMatchesAndReportsAListThePolicyNamesButNobodyImported() throws Exception {
        Files.writeString(pupil.resolve("Downloads/eicar.com"), EICAR);
        ScanSummary summary = cycle.run(policy).orElseThrow();
        assertEquals(1, summary.flagged());
        List<JsonNode> flags = events(FileFlagged.TYPE);
        assertEquals(1, flags.size());
        assertEquals("police-caid", flags.get(0).at("/matches/0/name").asText());
        assertTrue(flags.get(0).at("/matches/0/reason").asText().contains("NOT isolated"));
        List<JsonNode> scans = events(ScanSummary.TYPE);
        assertEquals(1, scans.size());
        assertTrue(scans.get(0).get("problems").toString().contains("hash list 'iwf' is not imported"),
                scans.get(0).toString());

        cycle.run(policy);
        assertEquals(1, events(FileFlagged.TYPE).size(), "a rescan does not flag the same file again");
        assertTrue(events(ScanSummary.TYPE).get(1).get("problems").toString().contains("'iwf'"),
                "the missing list is reported on every scan");
    }

    @Test
    void theWatchFlagsAFileDroppedIntoAWatchedFolderWithinSeconds() throws Exception {
        cycle.run(policy);
        assertTrue(events(FileFlagged.TYPE).isEmpty());
        Path dropped = pupil.resolve("Downloads/download.part");
        // written in two parts with a pause, as a browser does: only the whole file may be judged
        try (OutputStream out = Files.newOutputStream(dropped)) {
            out.write(EICAR.substring(0, 20).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(400);
            out.write(EICAR.substring(20).getBytes(StandardCharsets.US_ASCII));
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (events(FileFlagged.TYPE).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<JsonNode> flags = events(FileFlagged.TYPE);
        assertEquals(1, flags.size(), "the watch flagged the dropped file within 10 s");
        assertEquals(EICAR_SHA256, flags.get(0).at("/facts/sha256").asText());
        // the watch counts the flag just after the outbox has it
        int counted = 0;
        for (int i = 0; i < 50 && counted == 0; i++) {
            counted = cycle.takeNewFlags();
            Thread.sleep(counted == 0 ? 20 : 0);
        }
        assertEquals(1, counted);
        assertEquals(0, cycle.takeNewFlags());

        // a new folder made later is watched too
        Path sub = Files.createDirectories(pupil.resolve("Downloads/unzipped/inner"));
        Files.writeString(sub.resolve("again.com"), EICAR);
        deadline = System.nanoTime() + 10_000_000_000L;
        while (events(FileFlagged.TYPE).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(2, events(FileFlagged.TYPE).size(), "a file in a folder made after the scan was flagged");
    }

    @Test
    void aBackgroundRescanRecordsItsFlagsAndCountsThem() throws Exception {
        Files.writeString(pupil.resolve("Downloads/eicar.com"), EICAR);
        cycle.runInBackground(policy);
        cycle.runInBackground(policy); // one at a time: the second call does nothing while the first runs
        long deadline = System.nanoTime() + 10_000_000_000L;
        int counted = 0;
        while (counted == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            counted = cycle.takeNewFlags();
        }
        assertEquals(1, counted);
        assertEquals(1, events(FileFlagged.TYPE).size());
        assertTrue(events(ScanSummary.TYPE).size() <= 2);
    }

    @Test
    void aPolicyWithoutFileChecksScansNothing() throws Exception {
        Policy without = new PolicyLoader().parse("x", new String(FileScanCycleTest.class
                .getResourceAsStream("/policies/every-control.yaml").readAllBytes(), StandardCharsets.UTF_8));
        Files.writeString(pupil.resolve("Downloads/eicar.com"), EICAR);
        assertFalse(cycle.run(without).isPresent());
        assertTrue(events(FileFlagged.TYPE).isEmpty());
    }
}
