import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.WireJson;

/**
 * Appends with fsync per event through the outbox, and the same number of raw FileChannel.write + force(true)
 * calls of the same bytes as the reference, in one run on the same disk; prints both rates, their ratio and the
 * bytes each event takes on disk. Usage: OutboxBench DIR EVENTS
 */
public final class OutboxBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("control", "screenLock").put("status", "PASS")
                .put("clause", "7.5").put("evidence", "org.gnome.desktop.session idle-delay=300 lock-enabled=true");
        delete(dir);
        long outboxNanos;
        long bytesOnDisk;
        try (Outbox outbox = Outbox.open(dir.resolve("outbox"), OutboxConfig.defaults())) {
            for (int i = 0; i < 200; i++) {
                outbox.append("check-result", payload); // warm-up, acknowledged below
            }
            outbox.ack(200);
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                outbox.append("check-result", payload);
            }
            outboxNanos = System.nanoTime() - start;
            bytesOnDisk = outbox.status().bytesOnDisk();
        }
        byte[] json = WireJson.mapper().writeValueAsBytes(new Event(1, java.time.Instant.now(), "check-result", payload));
        byte[] record = new byte[(int) (bytesOnDisk / events)];
        System.arraycopy(json, 0, record, 0, Math.min(json.length, record.length));
        long rawNanos;
        try (FileChannel channel = FileChannel.open(dir.resolve("raw.log"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            long position = 0;
            for (int i = 0; i < 200; i++) {
                position += channel.write(ByteBuffer.wrap(record), position);
                channel.force(true);
            }
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                position += channel.write(ByteBuffer.wrap(record), position);
                channel.force(true);
            }
            rawNanos = System.nanoTime() - start;
        }
        double outboxRate = events / (outboxNanos / 1e9);
        double rawRate = events / (rawNanos / 1e9);
        System.out.printf("events=%d event_json_bytes=%d bytes_per_event_on_disk=%.1f%n", events, json.length,
                (double) bytesOnDisk / events);
        System.out.printf("outbox appends/s (encrypt + write + force): %.0f%n", outboxRate);
        System.out.printf("reference raw write+force of same bytes/s:  %.0f%n", rawRate);
        System.out.printf("ratio outbox/reference: %.2f%n", outboxRate / rawRate);
        delete(dir);
    }

    private static void delete(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
