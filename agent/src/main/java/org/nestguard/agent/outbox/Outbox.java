package org.nestguard.agent.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's durable, encrypted, append-only outbox (DESIGN §5). An event counts as recorded once
 * {@link #append} returns: it has been encrypted, written and fsync'd. Events leave only when the console
 * acknowledges them ({@link #ack}), or, when the size bound is reached, if they are of a droppable type (see
 * {@link OverflowPolicy}); a dropped run is reported by an {@code outbox-overflow} event. When only undroppable
 * events remain the outbox keeps writing past its bound, logs a warning, records one {@code outbox-over-bound}
 * event and reports it in {@link #status()}: losing a flag or quarantine event is worse than using more disk.
 * Killing the process at any moment loses no recorded event and repeats none; a record torn by the kill is
 * removed on the next {@link #open}. Safe for several threads of one process; a second process is refused.
 * While the device is on hold ({@link RetentionHold}) nothing leaves: acknowledged events are kept, none are
 * dropped to make room, and the outbox writes past its bound instead.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** Room kept for the overflow event itself when making room. */
    private static final int OVERFLOW_RESERVE = 1024;
    private static final int RECORD_OVERHEAD = StoredRecord.HEADER_BYTES + RecordCipher.NONCE_BYTES
            + RecordCipher.TAG_BYTES;

    private final Path directory;
    private final OutboxConfig config;
    private final OverflowPolicy policy;
    private final Clock clock;
    private final RecordCipher cipher;
    private final ObjectMapper json = WireJson.mapper();
    private final AckMark ackMark;
    private final RetentionHold hold;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Closed segments by first sequence. */
    private final TreeMap<Long, SealedSegment> sealed = new TreeMap<>();
    private Segment active;
    private FileChannel activeChannel;
    private long activeBytes;
    private int activeDroppable;
    private long nextSequence;
    private long acknowledged;
    private boolean overBound;
    private boolean keptForHold;
    private boolean closed;

    private Outbox(Path directory, OutboxConfig config, OverflowPolicy policy, Clock clock, RecordCipher cipher,
                   FileChannel lockChannel, FileLock lock, RetentionHold hold) {
        this.directory = directory;
        this.hold = hold;
        this.config = config;
        this.policy = policy;
        this.clock = clock;
        this.cipher = cipher;
        this.ackMark = new AckMark(directory.resolve("acked"));
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (or creates) the outbox in {@code directory} with the standard overflow policy and the system clock. */
    public static Outbox open(Path directory, OutboxConfig config) throws IOException {
        return open(directory, config, OverflowPolicy.standard(), Clock.systemUTC());
    }

    /**
     * Opens (or creates) the outbox in {@code directory}: verifies every unacknowledged record, removes a record
     * torn by a crash at the end of the last segment, and continues the sequence after the highest one used.
     *
     * @throws OutboxCorruptException if a complete record does not verify (the message names the file and offset)
     */
    public static Outbox open(Path directory, OutboxConfig config, OverflowPolicy policy, Clock clock)
            throws IOException {
        return open(directory, config, policy, clock, RetentionHold.NONE);
    }

    /** As {@link #open(Path, OutboxConfig, OverflowPolicy, Clock)}, keeping everything while {@code hold} is active. */
    public static Outbox open(Path directory, OutboxConfig config, OverflowPolicy policy, Clock clock,
                              RetentionHold hold) throws IOException {
        createPrivateDirectory(directory);
        FileChannel lockChannel = FileChannel.open(directory.resolve("outbox.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("The outbox at " + directory + " is already open in another agent process;"
                    + " stop that agent first (only one may write an outbox)");
        }
        try {
            SecureRandom random = new SecureRandom();
            RecordCipher cipher = new RecordCipher(OutboxKey.loadOrCreate(directory.resolve("outbox.key"), random),
                    random);
            Outbox outbox = new Outbox(directory, config, policy, clock, cipher, lockChannel, lock, hold);
            outbox.recover();
            return outbox;
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                // A rewrite or ack interrupted before its rename; the original is intact.
                String name = file.getFileName().toString();
                if (name.endsWith(".log.tmp") || name.equals("acked.tmp")) {
                    Files.delete(file);
                }
            }
        }
        acknowledged = ackMark.read();
        List<Segment> segments = listSegments();
        long highest = acknowledged;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            SegmentScan scan = SegmentScan.of(segment, Files.readAllBytes(segment.path()), last, maxBodyBytes());
            if (!scan.records().isEmpty() && scan.records().get(0).sequence() <= highest
                    && scan.records().get(0).sequence() > acknowledged) {
                throw SegmentScan.damaged(segment, 0, "its first sequence repeats one in an earlier segment");
            }
            int droppable = 0;
            for (StoredRecord record : scan.records()) {
                if (record.sequence() > acknowledged) {
                    decrypt(scan, record);
                    droppable += record.droppable() ? 1 : 0;
                }
            }
            if (scan.tornBytes() > 0) {
                try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.WRITE)) {
                    channel.truncate(scan.validEnd());
                    channel.force(true);
                }
                LOG.warn("Outbox: removed {} bytes at the end of {} left by a write the agent was stopped during;"
                        + " that event had not been recorded yet", scan.tornBytes(), segment.name());
            }
            highest = Math.max(highest, Math.max(scan.lastSequence(), segment.firstSequence() - 1));
            if (last) {
                active = segment;
                activeBytes = scan.validEnd();
                activeDroppable = droppable;
            } else {
                sealed.put(segment.firstSequence(), new SealedSegment(scan.validEnd(), droppable));
            }
        }
        nextSequence = highest + 1;
        if (active == null) {
            active = Segment.in(directory, nextSequence);
            activeChannel = FileChannel.open(active.path(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Directories.sync(directory);
        } else {
            activeChannel = FileChannel.open(active.path(), StandardOpenOption.WRITE);
        }
        trim();
    }

    private List<Segment> listSegments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(Segment::parse).flatMap(Optional::stream)
                    .sorted((a, b) -> Long.compare(a.firstSequence(), b.firstSequence())).toList();
        }
    }

    /**
     * Records an event: assigns the next sequence, encrypts, writes and fsyncs it, then returns it. If this throws,
     * the event was not recorded and the sequence was not used.
     *
     * @throws IllegalArgumentException for a blank type, a missing payload or an event larger than the configured
     *                                  maximum
     */
    public synchronized Event append(String type, JsonNode payload) throws IOException {
        ensureOpen();
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an outbox event needs a type, such as check-result");
        }
        if (payload == null) {
            throw new IllegalArgumentException("the " + type + " event has no payload; pass an empty JSON object"
                    + " if there is nothing more to say");
        }
        Instant now = clock.instant();
        Event event = new Event(nextSequence, now, type, payload);
        byte[] plaintext = json.writeValueAsBytes(event);
        if (plaintext.length > config.maxEventBytes()) {
            throw new IllegalArgumentException("a " + type + " event of " + plaintext.length + " bytes is larger than"
                    + " the outbox takes (" + config.maxEventBytes() + " bytes); split it into smaller events");
        }
        makeRoom(RECORD_OVERHEAD + plaintext.length);
        if (event.sequence() != nextSequence) {
            // Making room recorded an overflow event first.
            event = new Event(nextSequence, now, type, payload);
            plaintext = json.writeValueAsBytes(event);
        }
        write(event, plaintext);
        return event;
    }

    private void write(Event event, byte[] plaintext) throws IOException {
        if (activeBytes >= config.segmentBytes()) {
            roll();
        }
        byte flags = policy.droppable(event.type()) ? StoredRecord.DROPPABLE : 0;
        byte[] record = StoredRecord.encode(event.sequence(), flags,
                cipher.seal(event.sequence(), flags, plaintext));
        try {
            ByteBuffer buffer = ByteBuffer.wrap(record);
            long position = activeBytes;
            while (buffer.hasRemaining()) {
                position += activeChannel.write(buffer, position);
            }
            activeChannel.force(true);
        } catch (IOException e) {
            // Leave no half record behind a failed write, so the next append does not follow garbage.
            try {
                activeChannel.truncate(activeBytes);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        activeBytes += record.length;
        activeDroppable += flags == StoredRecord.DROPPABLE ? 1 : 0;
        nextSequence++;
    }

    private void roll() throws IOException {
        activeChannel.close();
        sealed.put(active.firstSequence(), new SealedSegment(activeBytes, activeDroppable));
        active = Segment.in(directory, nextSequence);
        activeChannel = FileChannel.open(active.path(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Directories.sync(directory);
        activeBytes = 0;
        activeDroppable = 0;
    }

    private long totalBytes() {
        long total = activeBytes;
        for (SealedSegment segment : sealed.values()) {
            total += segment.bytes();
        }
        return total;
    }

    /**
     * A closed segment's size and how many droppable records it may hold, so a full outbox holding only
     * undroppable events does not reread every segment on every append.
     */
    private record SealedSegment(long bytes, int droppable) {
    }

    /** A segment rewritten without its dropped and acknowledged records. */
    private record Rewrite(Segment segment, List<StoredRecord> kept, long keptBytes) {
    }

    private void makeRoom(int needed) throws IOException {
        long total = totalBytes();
        if (total + needed <= config.maxBytes()) {
            overBound = false;
            return;
        }
        if (hold.active()) {
            reportOverBound(needed); // on hold nothing is dropped: recording past the bound is the lesser harm
            return;
        }
        // Free down to three quarters at once, so a full outbox rewrites a segment now and then, not every append.
        long target = config.maxBytes() * 3 / 4;
        List<Rewrite> rewrites = new ArrayList<>();
        long freed = 0;
        int dropped = 0;
        Event firstDropped = null;
        Event lastDropped = null;
        List<Long> candidates = new ArrayList<>();
        long candidateBytes = 0;
        for (Map.Entry<Long, SealedSegment> entry : sealed.entrySet()) {
            // Only the oldest segment can hold acknowledged records not yet deleted; others matter if droppable.
            if (entry.getValue().droppable() > 0 || entry.getKey() <= acknowledged) {
                candidates.add(entry.getKey());
                candidateBytes += entry.getValue().bytes();
            }
        }
        if (activeDroppable > 0 && candidateBytes < total + needed - target) {
            roll();
            candidates.add(sealed.lastKey());
        }
        for (long first : candidates) {
            if (total - freed + needed + OVERFLOW_RESERVE <= target) {
                break;
            }
            Segment segment = Segment.in(directory, first);
            SegmentScan scan = SegmentScan.of(segment, Files.readAllBytes(segment.path()), false, maxBodyBytes());
            List<StoredRecord> kept = new ArrayList<>();
            long keptBytes = 0;
            for (StoredRecord record : scan.records()) {
                if (record.sequence() <= acknowledged) {
                    continue;
                }
                if (record.droppable()) {
                    Event event = decrypt(scan, record);
                    firstDropped = firstDropped == null ? event : firstDropped;
                    lastDropped = event;
                    dropped++;
                } else {
                    kept.add(record);
                    keptBytes += record.length();
                }
            }
            if (keptBytes < scan.validEnd()) {
                rewrites.add(new Rewrite(segment, kept, keptBytes));
                freed += scan.validEnd() - keptBytes;
            }
        }
        if (dropped > 0) {
            // Recorded before anything is removed: a crash in between may report a drop twice, never hide one.
            ObjectNode report = json.createObjectNode().put("dropped", dropped)
                    .put("firstSequence", firstDropped.sequence()).put("lastSequence", lastDropped.sequence())
                    .put("from", firstDropped.recordedAt().toString()).put("to", lastDropped.recordedAt().toString())
                    .put("maxBytes", config.maxBytes())
                    .put("reason", "the outbox reached its size bound while the console was out of reach;"
                            + " the oldest unsent events of types a later event repeats were dropped");
            report.putPOJO("droppableTypes", policy.droppableTypes().stream().sorted().toList());
            writeInternal(OverflowPolicy.OVERFLOW_EVENT, report);
            LOG.warn("Outbox full ({} of {} bytes): dropped {} unsent events of types {} recorded from {} to {}"
                    + " (sequences {} to {})", total, config.maxBytes(), dropped, policy.droppableTypes(),
                    firstDropped.recordedAt(), lastDropped.recordedAt(), firstDropped.sequence(),
                    lastDropped.sequence());
        }
        for (Rewrite rewrite : rewrites) {
            apply(rewrite);
        }
        if (rewrites.size() > 0) {
            Directories.sync(directory);
        }
        reportOverBound(needed);
    }

    private void reportOverBound(int needed) throws IOException {
        if (totalBytes() + needed > config.maxBytes()) {
            if (!overBound) {
                overBound = true;
                LOG.warn("Outbox over its bound ({} of {} bytes) with only events that are never dropped (flags,"
                        + " quarantines, command results); it keeps recording. Let the agent reach the console,"
                        + " or raise the bound", totalBytes(), config.maxBytes());
                writeInternal(OverflowPolicy.OVER_BOUND_EVENT, json.createObjectNode()
                        .put("bytes", totalBytes()).put("maxBytes", config.maxBytes())
                        .put("reason", hold.active() ? "the device is on hold, so nothing is dropped or trimmed;"
                                + " recording past the bound" : "only events that are never dropped remain;"
                                + " recording past the bound"));
            }
        } else {
            overBound = false;
        }
    }

    private void writeInternal(String type, JsonNode payload) throws IOException {
        Event event = new Event(nextSequence, clock.instant(), type, payload);
        write(event, json.writeValueAsBytes(event));
    }

    private void apply(Rewrite rewrite) throws IOException {
        Segment segment = rewrite.segment();
        if (rewrite.kept().isEmpty()) {
            Files.delete(segment.path());
            sealed.remove(segment.firstSequence());
            return;
        }
        byte[] bytes = Files.readAllBytes(segment.path());
        Path temporary = segment.path().resolveSibling(segment.name() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long position = 0;
            for (StoredRecord record : rewrite.kept()) {
                // Records are copied as they are: their associated data is the sequence, not the position.
                ByteBuffer buffer = ByteBuffer.wrap(bytes, record.offset(), record.length());
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
            }
            channel.force(true);
        }
        // Same name: the rewritten segment replaces the old one atomically, so no record is ever in two files.
        Files.move(temporary, segment.path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        sealed.put(segment.firstSequence(), new SealedSegment(rewrite.keptBytes(), 0));
    }

    /**
     * Unacknowledged events in sequence order for the next check-in: at most {@code maxEvents}, and at most
     * {@code maxBytes} of event JSON, except that the first event is always included so one large event cannot
     * stall the queue.
     */
    public synchronized List<Event> pending(int maxEvents, long maxBytes) throws IOException {
        ensureOpen();
        if (maxEvents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("pending needs room for at least one event; got maxEvents="
                    + maxEvents + ", maxBytes=" + maxBytes);
        }
        List<Event> events = new ArrayList<>();
        long used = 0;
        List<Segment> segments = new ArrayList<>();
        Long start = sealed.floorKey(acknowledged + 1);
        for (long first : (start == null ? sealed : sealed.tailMap(start, true)).keySet()) {
            segments.add(Segment.in(directory, first));
        }
        segments.add(active);
        for (Segment segment : segments) {
            SegmentScan scan = SegmentScan.of(segment, readSegment(segment), false, maxBodyBytes());
            for (StoredRecord record : scan.records()) {
                if (record.sequence() <= acknowledged) {
                    continue;
                }
                int size = record.bodyLength() - RecordCipher.NONCE_BYTES - RecordCipher.TAG_BYTES;
                if (!events.isEmpty() && used + size > maxBytes) {
                    return events;
                }
                Event event = decrypt(scan, record);
                used += size;
                events.add(event);
                if (events.size() == maxEvents) {
                    return events;
                }
            }
        }
        return events;
    }

    private byte[] readSegment(Segment segment) throws IOException {
        if (!segment.equals(active)) {
            return Files.readAllBytes(segment.path());
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) activeBytes);
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
                // read until the known end of the active segment
            }
        }
        return buffer.array();
    }

    /**
     * Records that the console holds every event up to {@code highestSequence}: persisted atomically, then whole
     * segments at or below it are deleted. A value at or below the current acknowledgement changes nothing.
     *
     * @throws IllegalArgumentException if the console acknowledges a sequence this outbox never recorded
     */
    public synchronized void ack(long highestSequence) throws IOException {
        ensureOpen();
        if (highestSequence >= nextSequence) {
            throw new IllegalArgumentException("the console acknowledged sequence " + highestSequence
                    + " but this outbox has recorded only up to " + (nextSequence - 1) + "; the console holds events"
                    + " this device does not know about (was the agent's data folder reset or copied from another"
                    + " device?). Re-enrol the device so its sequence numbers start afresh");
        }
        if (highestSequence <= acknowledged) {
            return;
        }
        ackMark.write(highestSequence);
        acknowledged = highestSequence;
        trim();
    }

    private void trim() throws IOException {
        if (activeBytes > 0 && nextSequence - 1 <= acknowledged) {
            roll();
        }
        if (hold.active()) {
            if (!keptForHold && !sealed.isEmpty()) {
                keptForHold = true;
                LOG.info("The device is on hold: the outbox keeps acknowledged events until the hold is lifted");
            }
            return;
        }
        keptForHold = false;
        boolean removed = false;
        List<Long> firsts = new ArrayList<>(sealed.keySet());
        for (int i = 0; i < firsts.size(); i++) {
            long nextFirst = i + 1 < firsts.size() ? firsts.get(i + 1) : active.firstSequence();
            if (nextFirst - 1 <= acknowledged) {
                Files.deleteIfExists(Segment.in(directory, firsts.get(i)).path());
                sealed.remove(firsts.get(i));
                removed = true;
            }
        }
        if (removed) {
            Directories.sync(directory);
        }
    }

    /** What the outbox holds now. */
    public synchronized OutboxStatus status() {
        return new OutboxStatus(nextSequence, acknowledged, totalBytes(), config.maxBytes(), overBound);
    }

    private Event decrypt(SegmentScan scan, StoredRecord record) throws IOException {
        byte[] plaintext;
        try {
            plaintext = cipher.open(record.sequence(), record.flags(), scan.bytes(), record.bodyOffset(),
                    record.bodyLength());
        } catch (AEADBadTagException e) {
            throw SegmentScan.damaged(scan.segment(), record.offset(), "the record for sequence "
                    + record.sequence() + " does not verify: it was changed after it was written, or outbox.key is"
                    + " not the key it was written with");
        }
        Event event = json.readValue(plaintext, Event.class);
        if (event.sequence() != record.sequence()) {
            throw SegmentScan.damaged(scan.segment(), record.offset(), "the record for sequence "
                    + record.sequence() + " holds event " + event.sequence());
        }
        return event;
    }

    private int maxBodyBytes() {
        // Events recorded under a larger earlier maximum must still be readable, so allow generous slack.
        return Math.max(config.maxEventBytes(), 16 << 20) + RecordCipher.NONCE_BYTES + RecordCipher.TAG_BYTES;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the outbox at " + directory + " is closed");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            activeChannel.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }

    /** For tests and tools: the folder this outbox lives in. */
    public Path directory() {
        return directory;
    }

}
