package org.nestguard.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.wire.WireJson;

/** While the device is on hold the outbox deletes nothing: no acknowledged segment, no droppable event. */
class OutboxHoldTest {
    private static final OutboxConfig SMALL = new OutboxConfig(16 * 1024, 2048, 4096);

    @TempDir
    Path dir;

    @Test
    void acknowledgedEventsAreKeptOnHoldAndTrimmedOnceItIsLifted() throws IOException {
        boolean[] onHold = {true};
        try (Outbox outbox = Outbox.open(dir, SMALL, OverflowPolicy.standard(), Clock.systemUTC(), () -> onHold[0])) {
            for (int i = 0; i < 40; i++) {
                outbox.append("flag", WireJson.mapper().createObjectNode().put("n", i).put("pad", "x".repeat(200)));
            }
            List<Path> before = segments();
            outbox.ack(40);
            assertTrue(segments().containsAll(before), "on hold, acknowledged segments stay on disk");

            onHold[0] = false;
            outbox.append("flag", WireJson.mapper().createObjectNode().put("n", 41));
            outbox.ack(41);
            assertTrue(segments().stream().noneMatch(before::contains),
                    "after the lift the next acknowledgement trims: " + segments());
        }
    }

    @Test
    void onHoldAFullOutboxDropsNothingAndWritesPastItsBound() throws IOException {
        try (Outbox outbox = Outbox.open(dir, SMALL, OverflowPolicy.standard(), Clock.systemUTC(), () -> true)) {
            for (int i = 0; i < 120; i++) {
                outbox.append("check-result", WireJson.mapper().createObjectNode().put("n", i)
                        .put("pad", "x".repeat(200)));
            }
            assertEquals(120, outbox.pending(1000, Long.MAX_VALUE).stream()
                    .filter(e -> e.type().equals("check-result")).count(), "no droppable event was dropped");
            assertTrue(outbox.status().overBound());
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).toList();
        }
    }
}
