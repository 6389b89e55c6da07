package org.nestguard.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.WireJson;

class OutboxTest {
    private static final ObjectMapper JSON = WireJson.mapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Outbox open(OutboxConfig config) throws IOException {
        return Outbox.open(dir, config, OverflowPolicy.standard(), CLOCK);
    }

    private static JsonNode payload(String text) {
        return JSON.createObjectNode().put("text", text);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("seg-\\d+\\.log")).sorted().toList();
        }
    }

    @Test
    void eventsComeBackInOrderWithTheirSequenceTypeAndPayload() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            Event first = outbox.append("check-result", payload("screen lock PASS"));
            Event second = outbox.append("flag", payload("gambling site"));
            assertEquals(1, first.sequence());
            assertEquals(2, second.sequence());
            assertEquals(List.of(first, second), outbox.pending(100, 1 << 20));
            assertEquals(CLOCK.instant(), first.recordedAt());
        }
    }

    @Test
    void pendingStopsAtTheEventCountAndByteBudgetButAlwaysGivesOne() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            for (int i = 0; i < 10; i++) {
                outbox.append("check-result", payload("result " + i));
            }
            assertEquals(3, outbox.pending(3, 1 << 20).size());
            assertEquals(1, outbox.pending(100, 1).size(), "one event over the byte budget still goes alone");
            int oneEvent = JSON.writeValueAsBytes(outbox.pending(1, 1 << 20).get(0)).length;
            assertEquals(2, outbox.pending(100, oneEvent * 2L + 1).size());
        }
    }

    @Test
    void ackRemovesEventsFromPendingAndDeletesFullyAcknowledgedSegments() throws IOException {
        try (Outbox outbox = open(new OutboxConfig(1 << 20, 1024, 1024))) {
            for (int i = 0; i < 60; i++) {
                outbox.append("check-result", payload("result number " + i));
            }
            int before = segments().size();
            assertTrue(before > 3, "small segments roll over: " + before);
            outbox.ack(40);
            assertEquals(41, outbox.pending(100, 1 << 20).get(0).sequence());
            assertEquals(20, outbox.pending(100, 1 << 20).size());
            assertTrue(segments().size() < before, "segments wholly at or below 40 are deleted");
            outbox.ack(60);
            assertEquals(List.of(), outbox.pending(100, 1 << 20));
            assertEquals(1, segments().size(), "only the new, empty active segment remains");
            assertEquals(0, Files.size(segments().get(0)));
            assertEquals("60", Files.readString(dir.resolve("acked")).trim());
        }
    }

    @Test
    void anAcknowledgementBeyondWhatWasRecordedIsRefusedAndAnOlderOneIgnored() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            outbox.append("check-result", payload("a"));
            outbox.append("check-result", payload("b"));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> outbox.ack(5));
            assertTrue(error.getMessage().contains("recorded only up to 2"), error.getMessage());
            outbox.ack(2);
            outbox.ack(1);
            assertEquals(2, outbox.status().acknowledged());
        }
    }

    @Test
    void sequencesContinueAfterReopeningAndAreNotReusedAfterEverythingWasAcknowledged() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            for (int i = 0; i < 5; i++) {
                outbox.append("check-result", payload("x"));
            }
        }
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            assertEquals(6, outbox.append("flag", payload("y")).sequence());
            assertEquals(6, outbox.pending(100, 1 << 20).size());
            outbox.ack(6);
        }
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            assertEquals(List.of(), outbox.pending(100, 1 << 20));
            assertEquals(7, outbox.append("check-result", payload("z")).sequence());
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameOutbox() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            IOException error = assertThrows(IOException.class, () -> open(OutboxConfig.defaults()));
            assertTrue(error.getMessage().contains("already open"), error.getMessage());
        }
    }

    @Test
    void aTornRecordAtTheEndIsRemovedAndTheRecordedOnesKept() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            outbox.append("check-result", payload("kept 1"));
            outbox.append("check-result", payload("kept 2"));
        }
        Path segment = segments().get(segments().size() - 1);
        long whole = Files.size(segment);
        // A third record cut off by a kill: its header and half its body reached the file.
        byte[] torn = java.nio.ByteBuffer.allocate(40).putInt(200).putLong(3).put((byte) 1).array();
        Files.write(segment, torn, StandardOpenOption.APPEND);
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            assertEquals(whole, Files.size(segment), "the torn tail is cut off");
            assertEquals(2, outbox.pending(100, 1 << 20).size());
            assertEquals(3, outbox.append("check-result", payload("next")).sequence());
        }
    }

    @Test
    void aZeroFilledTailLeftByTheFileSystemIsRemoved() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            outbox.append("check-result", payload("kept"));
        }
        Path segment = segments().get(0);
        long whole = Files.size(segment);
        Files.write(segment, new byte[100], StandardOpenOption.APPEND);
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            assertEquals(whole, Files.size(segment));
            assertEquals(1, outbox.pending(100, 1 << 20).size());
        }
    }

    @Test
    void aChangedByteInARecordIsReportedWithTheFileAndOffsetNotSkipped() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            outbox.append("flag", payload("first"));
            outbox.append("flag", payload("second"));
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 5] ^= 0x01; // inside the last record's tag
        Files.write(segment, bytes);
        OutboxCorruptException error = assertThrows(OutboxCorruptException.class,
                () -> open(OutboxConfig.defaults()));
        assertTrue(error.getMessage().contains(segment.getFileName().toString()), error.getMessage());
        assertTrue(error.getMessage().contains("sequence 2 does not verify"), error.getMessage());
        assertTrue(error.getMessage().contains("move"), "says what to do: " + error.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(segment), "the damaged file is left as it was for investigation");
    }

    @Test
    void aRecordRenumberedOnDiskDoesNotVerify() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            outbox.append("flag", payload("first"));
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[Integer.BYTES + Long.BYTES - 1] = 7; // sequence 1 -> 7 in the clear header
        Files.write(segment, bytes);
        Files.move(segment, dir.resolve("seg-7.log"));
        assertThrows(OutboxCorruptException.class, () -> open(OutboxConfig.defaults()));
    }

    @Test
    void anotherKeyCannotReadTheOutbox() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            outbox.append("flag", payload("secret"));
        }
        byte[] other = new byte[32];
        other[0] = 1;
        Files.write(dir.resolve("outbox.key"), other);
        OutboxCorruptException error = assertThrows(OutboxCorruptException.class,
                () -> open(OutboxConfig.defaults()));
        assertTrue(error.getMessage().contains("outbox.key"), error.getMessage());
    }

    @Test
    void theFilesHoldNoPlaintextAndTheKeyIsOwnerOnly() throws IOException {
        String marker = "visited-www.example-gambling.test-by-pupil-42";
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            outbox.append("flag", payload(marker));
            outbox.append("check-result", payload(marker));
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(marker), file + " holds the payload in clear");
                assertFalse(content.contains("gambling"), file + " holds part of the payload in clear");
                assertFalse(content.contains("check-result"), file + " holds the event type in clear");
            }
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("outbox.key"))));
        assertEquals(32, Files.size(dir.resolve("outbox.key")));
    }

    @Test
    void aKeyFileMadeReadableByOthersIsPutBackToOwnerOnly() throws IOException {
        open(OutboxConfig.defaults()).close();
        Files.setPosixFilePermissions(dir.resolve("outbox.key"), PosixFilePermissions.fromString("rw-r--r--"));
        open(OutboxConfig.defaults()).close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("outbox.key"))));
    }

    @Test
    void anEventLargerThanTheMaximumIsRefusedWithItsSize() throws IOException {
        try (Outbox outbox = open(new OutboxConfig(1 << 20, 4096, 512))) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> outbox.append("check-result", payload("x".repeat(600))));
            assertTrue(error.getMessage().contains("larger than the outbox takes (512 bytes)"), error.getMessage());
            assertEquals(1, outbox.append("check-result", payload("small")).sequence(),
                    "a refused event uses no sequence");
        }
    }

    @Test
    void whenFullTheOldestCheckResultsAreDroppedAndTheDropIsRecorded() throws IOException {
        OutboxConfig config = new OutboxConfig(16 * 1024, 2048, 1024);
        try (Outbox outbox = open(config)) {
            outbox.append("flag", payload("flag kept"));
            outbox.append("command-result", payload("command kept"));
            for (int i = 0; i < 300; i++) {
                outbox.append("check-result", payload("check result " + i + " ".repeat(60)));
            }
            assertTrue(outbox.status().bytesOnDisk() <= config.maxBytes(), "bound kept: " + outbox.status());
            List<Event> pending = outbox.pending(10_000, Long.MAX_VALUE);
            assertEquals("flag", pending.get(0).type());
            assertEquals("command-result", pending.get(1).type());
            List<Event> overflows = pending.stream().filter(e -> e.type().equals("outbox-overflow")).toList();
            assertFalse(overflows.isEmpty());
            JsonNode first = overflows.get(0).payload();
            assertEquals(3, first.get("firstSequence").asLong(), "the oldest check results go first");
            assertTrue(first.get("dropped").asInt() > 0);
            assertEquals(CLOCK.instant().toString(), first.get("from").asText());
            long dropped = overflows.stream().mapToLong(e -> e.payload().get("dropped").asLong()).sum();
            long checks = pending.stream().filter(e -> e.type().equals("check-result")).count();
            assertEquals(300, dropped + checks, "every check result is either pending or counted as dropped");
            Event last = pending.get(pending.size() - 1);
            assertEquals("check result 299", last.payload().get("text").asText().trim(), "the newest is kept");
            assertFalse(outbox.status().overBound());
        }
    }

    @Test
    void whenOnlyUndroppableEventsRemainTheOutboxWritesPastItsBoundAndSaysSo() throws IOException {
        OutboxConfig config = new OutboxConfig(8 * 1024, 1024, 1024);
        try (Outbox outbox = open(config)) {
            for (int i = 0; i < 200; i++) {
                outbox.append(i % 2 == 0 ? "flag" : "quarantine", payload("event " + i + " ".repeat(40)));
            }
            assertTrue(outbox.status().overBound());
            assertTrue(outbox.status().bytesOnDisk() > config.maxBytes());
            List<Event> pending = outbox.pending(10_000, Long.MAX_VALUE);
            assertEquals(200, pending.stream().filter(e -> !e.type().startsWith("outbox-")).count(),
                    "no flag or quarantine event is dropped");
            assertEquals(1, pending.stream().filter(e -> e.type().equals("outbox-over-bound")).count(),
                    "going over the bound is recorded once");
            outbox.ack(outbox.status().nextSequence() - 1);
            outbox.append("flag", payload("after upload"));
            assertFalse(outbox.status().overBound());
        }
    }

    @Test
    void aDropSurvivesReopeningWithSequencesIntact() throws IOException {
        OutboxConfig config = new OutboxConfig(16 * 1024, 2048, 1024);
        try (Outbox outbox = open(config)) {
            for (int i = 0; i < 300; i++) {
                outbox.append(i % 50 == 0 ? "flag" : "check-result", payload("event " + i + " ".repeat(40)));
            }
        }
        try (Outbox outbox = open(config)) {
            List<Event> pending = outbox.pending(10_000, Long.MAX_VALUE);
            assertEquals(6, pending.stream().filter(e -> e.type().equals("flag")).count());
            for (int i = 1; i < pending.size(); i++) {
                assertTrue(pending.get(i).sequence() > pending.get(i - 1).sequence());
            }
            long highest = pending.get(pending.size() - 1).sequence();
            assertEquals(highest + 1, outbox.append("flag", payload("next")).sequence());
        }
    }

    @Test
    void badInputIsRefusedWithWhatToDo() throws IOException {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> outbox.append(" ", payload("x")))
                    .getMessage().contains("needs a type"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> outbox.append("flag", null))
                    .getMessage().contains("empty JSON object"));
            assertThrows(IllegalArgumentException.class, () -> outbox.pending(0, 100));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new OutboxConfig(100, 1024, 1024))
                .getMessage().contains("at least 4096"));
        Files.writeString(dir.resolve("acked"), "twelve");
        assertTrue(assertThrows(OutboxCorruptException.class, () -> open(OutboxConfig.defaults()))
                .getMessage().contains("holds 'twelve'"));
    }

    @Test
    void threadsAppendingTogetherGetDistinctSequences() throws Exception {
        try (Outbox outbox = open(OutboxConfig.defaults())) {
            ObjectNode body = JSON.createObjectNode().put("n", 1);
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 25; i++) {
                        try {
                            outbox.append("check-result", body);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            List<Event> pending = outbox.pending(1000, Long.MAX_VALUE);
            assertEquals(100, pending.size());
            for (int i = 0; i < 100; i++) {
                assertEquals(i + 1, pending.get(i).sequence());
            }
        }
    }
}
