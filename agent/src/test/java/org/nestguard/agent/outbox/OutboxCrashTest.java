package org.nestguard.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.wire.Event;

/**
 * Kills a child process that is appending to the outbox with SIGKILL at random moments, hundreds of times, and
 * checks after each kill that every event the child was told was recorded is there exactly once, that the
 * acknowledgement it was told of held, and that sequences run on without gaps or reuse.
 */
class OutboxCrashTest {
    /** Small segments so kills also land on rolling over and on deleting acknowledged segments. */
    static final OutboxConfig CONFIG = new OutboxConfig(64L << 20, 2048, 4096);
    private static final long SEED = 20250301L;
    private static final int KILLS = 200;
    /** Independent outboxes killed side by side: a child JVM's start-up, not the outbox, sets the pace. */
    private static final int LANES = 2;

    @TempDir
    Path dir;

    @Test
    void killingTheAgentAtAnyMomentLosesAndRepeatsNothing() throws Exception {
        System.out.println("OutboxCrashTest: seed " + SEED + ", " + KILLS + " kills in " + LANES + " lanes");
        ExecutorService lanes = Executors.newFixedThreadPool(LANES);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                Path laneDir = Files.createDirectories(dir.resolve("lane-" + lane));
                Random random = new Random(SEED + lane);
                results.add(lanes.submit(() -> killRepeatedly(laneDir, random, KILLS / LANES)));
            }
            for (Future<String> result : results) {
                System.out.println("OutboxCrashTest: " + result.get());
            }
        } finally {
            lanes.shutdownNow();
        }
    }

    private static String killRepeatedly(Path laneDir, Random random, int kills) throws Exception {
        Path outbox = laneDir.resolve("outbox");
        Set<Long> printed = new HashSet<>();
        long printedAck = 0;
        long highestSeen = 0;
        int killedBeforeReady = 0;
        for (int kill = 0; kill < kills; kill++) {
            // Straight to a file: the child's writes land there even as it is killed, and Process.destroy closes pipes.
            Path stdout = laneDir.resolve("child-stdout.txt");
            Process process = child(outbox, laneDir).redirectOutput(stdout.toFile()).start();
            if (random.nextInt(8) == 0) {
                // Some kills land while the child is still starting, opening or recovering the outbox.
                Thread.sleep(random.nextInt(250));
                killedBeforeReady++;
            } else {
                while (process.isAlive() && !Files.readString(stdout).contains("ready\n")) {
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(15));
            }
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            String output = Files.readString(stdout, StandardCharsets.US_ASCII);
            if (!output.contains("ready") && process.exitValue() != 137) {
                throw new AssertionError("the child failed on its own (exit " + process.exitValue() + "): "
                        + Files.readString(laneDir.resolve("child-stderr.log")));
            }
            for (String line : completeLines(output)) {
                if (line.startsWith("ack ")) {
                    printedAck = Math.max(printedAck, Long.parseLong(line.substring(4)));
                } else if (!line.equals("ready")) {
                    long sequence = Long.parseLong(line);
                    assertTrue(printed.add(sequence), "kill " + kill + ": sequence " + sequence + " was used twice");
                }
            }
            try (Outbox reopened = Outbox.open(outbox, CONFIG)) {
                OutboxStatus status = reopened.status();
                assertTrue(status.acknowledged() >= printedAck, "kill " + kill + ": acknowledgement lost");
                List<Event> pending = reopened.pending(Integer.MAX_VALUE, Long.MAX_VALUE);
                long expected = status.acknowledged() + 1;
                for (Event event : pending) {
                    assertEquals(expected++, event.sequence(), "kill " + kill + ": gap or repeat in the outbox");
                }
                assertEquals(status.nextSequence(), expected, "kill " + kill + ": next sequence follows the last");
                for (long sequence : printed) {
                    assertTrue(sequence < expected, "kill " + kill + ": recorded sequence " + sequence + " is missing");
                }
                assertTrue(status.nextSequence() > highestSeen, "kill " + kill + ": sequence went backwards");
                highestSeen = status.nextSequence() - 1;
            }
        }
        assertTrue(printed.size() > kills, "the children recorded events between kills: " + printed.size());
        return laneDir.getFileName() + ": " + kills + " kills (" + killedBeforeReady + " while starting), "
                + printed.size() + " events recorded, acknowledged up to " + printedAck;
    }

    private static ProcessBuilder child(Path outbox, Path laneDir) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                // No logging framework start-up in the child: it is the start-up, not the outbox, that costs time.
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                "-cp", System.getProperty("java.class.path"), OutboxCrashChild.class.getName(), outbox.toString());
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(
                laneDir.resolve("child-stderr.log").toFile()));
    }

    /** Only lines with their newline: the child writes each line in one call, so a line cut short was not sent. */
    private static List<String> completeLines(String output) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = output.indexOf('\n'); end >= 0; end = output.indexOf('\n', start)) {
            lines.add(output.substring(start, end));
            start = end + 1;
        }
        return lines;
    }
}
