package org.nestguard.agent.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Commands' output, kept whole when it is of a sensible size and cut in the middle when it is not. */
class ProcessCommandRunnerTest {
    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    @Test
    void shortOutputIsKeptWhole() {
        String text = "Infected files: 0\n";
        assertEquals(text, runner.drain(stream(text)));
    }

    @Test
    void endlessOutputKeepsItsStartAndItsEndAndSaysWhatWasLeftOut() {
        // a line per infected file, as clamscan -i prints them, then its summary: 16 MiB in all
        String line = "/media/pupil/USB/eicar-000000.com: Win.Test.EICAR_HDB-1 FOUND\n";
        long lines = (16L << 20) / line.length();
        String summary = "----------- SCAN SUMMARY -----------\nInfected files: " + lines + "\n";
        InputStream output = new InputStream() {
            private final byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
            private final byte[] end = summary.getBytes(StandardCharsets.US_ASCII);
            private long position;

            @Override
            public int read() {
                long total = lines * bytes.length + end.length;
                if (position >= total) {
                    return -1;
                }
                long at = position++;
                long inLines = lines * bytes.length;
                return at < inLines ? bytes[(int) (at % bytes.length)] : end[(int) (at - inLines)];
            }
        };

        String kept = runner.drain(output);

        long total = lines * line.length() + summary.length();
        long leftOut = total - ProcessCommandRunner.HEAD_BYTES - ProcessCommandRunner.TAIL_BYTES;
        assertTrue(kept.startsWith(line), kept.substring(0, 100));
        assertTrue(kept.endsWith(summary), "the summary at the end is kept");
        assertTrue(kept.contains("\n[" + leftOut + " bytes of output left out by Nestguard]\n"));
        assertTrue(kept.length() < ProcessCommandRunner.HEAD_BYTES + ProcessCommandRunner.TAIL_BYTES + 100);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aRealCommandsLongOutputIsCutTheSameWay() throws Exception {
        CommandResult result = runner.run(List.of("sh", "-c", "head -c 5000000 /dev/zero | tr '\\0' x; echo END"),
                Duration.ofSeconds(30));
        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().endsWith("xxxxEND\n"), result.stdout().substring(result.stdout().length() - 20));
        assertTrue(result.stdout().contains(" bytes of output left out by Nestguard]"));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
