package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the binary {@code /var/log/lastlog}: one fixed-size record per uid at offset uid * 292. On x86_64 and aarch64
 * glibc a record is int32 ll_time (seconds since the epoch, little endian), char[32] ll_line, char[256] ll_host.
 * The file is sparse (a high uid makes it look huge), so only the one record is read.
 */
public final class LastlogFile {
    static final int RECORD_SIZE = 4 + 32 + 256;

    private final Path file;

    public LastlogFile(Path file) {
        this.file = file;
    }

    /** The last logon of the uid; empty when never logged on (time 0) or beyond the end of the file. */
    public Optional<Instant> lastLogon(int uid) throws IOException {
        if (uid < 0) {
            return Optional.empty();
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long offset = (long) uid * RECORD_SIZE;
            if (offset + RECORD_SIZE > channel.size()) {
                return Optional.empty();
            }
            ByteBuffer record = ByteBuffer.allocate(RECORD_SIZE);
            channel.position(offset);
            while (record.hasRemaining() && channel.read(record) > 0) {
                // keep reading until the record is complete
            }
            return parseRecord(record.array());
        }
    }

    /** The time in one record; empty when it is 0 (never). */
    static Optional<Instant> parseRecord(byte[] record) {
        long seconds = Integer.toUnsignedLong(ByteBuffer.wrap(record, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        return seconds == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }

    /** Builds one record in the on-disk layout (tests write lastlog files with it). */
    static byte[] record(long epochSeconds, String line, String host) {
        ByteBuffer b = ByteBuffer.allocate(RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) epochSeconds);
        byte[] l = line.getBytes(StandardCharsets.US_ASCII);
        b.put(l, 0, Math.min(l.length, 32));
        b.position(36);
        byte[] h = host.getBytes(StandardCharsets.US_ASCII);
        b.put(h, 0, Math.min(h.length, 256));
        return b.array();
    }
}
