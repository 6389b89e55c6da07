package org.nestguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.outbox.OutboxStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent killed with SIGKILL at random moments while it checks and uploads, 200 times, against a real
 * console: afterwards every event the agent recorded is in the console exactly once, with no gap. The kill
 * moments are drawn from a fixed seed (printed) between the end of JVM start-up and the end of the upload, so
 * most land while events are being recorded or sent.
 */
class KillDuringUploadTest {
    /** 200 in every build; the benchmark script asks for more with -Dnestguard.e2e.kills=N. */
    private static final int KILLS = Integer.getInteger("nestguard.e2e.kills", 200);
    private static final long SEED = 20261123L;

    @TempDir
    Path dir;

    @Test
    void everyRecordedEventArrivesExactlyOnceWhateverMomentTheAgentDies() throws Exception {
        Fleet fleet = new Fleet(dir, null);
        fleet.importPolicy(fleet.quickPolicy(dir));
        Random random = new Random(SEED);
        int killed = 0;
        try (RunningConsole console = fleet.serve()) {
            String device = fleet.enrol(console, "e2e-school");
            for (int i = 0; i < KILLS; i++) {
                Process agent = fleet.runOnceProcess().redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                long killAfterMs = 450 + random.nextInt(850);
                if (!agent.waitFor(killAfterMs, TimeUnit.MILLISECONDS)) {
                    agent.destroyForcibly(); // SIGKILL: no shutdown hook runs
                    killed++;
                }
                agent.waitFor();
            }
            Processes.Finished last = fleet.runOnce();
            assertEquals(0, last.exit(), "a clean run sends whatever the killed ones left: " + last);

            OutboxStatus outbox;
            try (Outbox opened = Outbox.open(fleet.agentData.resolve("outbox"), OutboxConfig.defaults())) {
                outbox = opened.status();
            }
            long recorded = outbox.nextSequence() - 1;
            List<Long> held = Stores.sequences(fleet.consoleData, null, device);
            System.out.printf("seed %d: %d of %d runs killed; %d events recorded, %d held by the console%n", SEED,
                    killed, KILLS, recorded, held.size());
            assertTrue(killed >= KILLS / 2, "most runs must die before finishing, or the test proves little: " + killed);
            assertEquals(0, outbox.unacknowledged(), "the console acknowledged everything");
            assertEquals(LongStream.rangeClosed(1, recorded).boxed().toList(), held,
                    "each recorded event once, none lost, none twice");
        }
    }
}
