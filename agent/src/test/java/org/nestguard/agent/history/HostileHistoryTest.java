package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History files written by the account being monitored, read by the agent in the service's 24 MiB heap: a title
 * of megabytes, or a Local State file of megabytes, once ended the agent with an OutOfMemoryError, so no profile on
 * the device was collected.
 */
class HostileHistoryTest {
    private static final Instant T0 = Instant.parse("2026-09-01T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void hugeValuesInOneProfileLeaveTheAgentRunningAndTheOtherProfilesCollected() throws Exception {
        Path home = dir.resolve("root/home");
        try (FixtureDatabase big = FixtureDatabase.chromium(home.resolve("pupil/.config/chromium/Default/History"));
             FixtureDatabase huge = FixtureDatabase.chromium(
                     home.resolve("pupil/.config/chromium/Profile 1/History"));
             FixtureDatabase good = FixtureDatabase.chromium(home.resolve("teacher/.config/chromium/Default/History"))) {
            // just under the limit: read, and cut as it is read
            big.chromiumVisit("http://127.0.0.1/big", "b".repeat(ConsistentCopy.MAX_VALUE_BYTES - 1024), T0, 0);
            big.chromiumVisit("http://127.0.0.1/after-big", "After Big", T0.plusSeconds(1), 0);
            // over it: this profile is unreadable, and says why
            huge.chromiumVisit("http://127.0.0.1/huge", "h".repeat(6 << 20), T0, 0);
            good.chromiumVisit("http://127.0.0.1/ok", "Still Collected", T0, 0);
        }
        // a Local State of 20 MB (a real one is under 1 MB, mostly its variations seed), read whole once
        Files.writeString(home.resolve("pupil/.config/chromium/Local State"), "{\"variations_compressed_seed\":\""
                + "A".repeat(20 << 20) + "\",\"profile\":{\"info_cache\":{\"Default\":{},\"Profile 1\":{}}}}");
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        // The service's JVM flags (installers/linux/build-packages.sh): the heap is what is under test.
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xms4m", "-Xmx24m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=10",
                "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-cp", System.getProperty("java.class.path"), "org.nestguard.agent.cli.AgentCommand",
                "history", "--root", dir.resolve("root").toString(), "--data", data.toString());
        Path output = dir.resolve("output.txt");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the history command did not finish in 2 minutes");
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertEquals(0, child.exitValue(), printed);
        assertTrue(printed.contains("http://127.0.0.1/ok"), printed);
        assertTrue(printed.contains("http://127.0.0.1/after-big"), printed);
        assertTrue(printed.contains("b".repeat(TextCut.MAX_TEXT_CHARS) + " [cut by Nestguard: "
                + (ConsistentCopy.MAX_VALUE_BYTES - 1024) + " characters]"), "the big title, cut");
        assertTrue(printed.contains("Profile 1/History could not be read: it holds a value longer than 4 MiB"),
                printed.length() > 4000 ? printed.substring(printed.length() - 4000) : printed);
    }
}
