package org.nestguard.agent.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The highest sequence the console has acknowledged, in the {@code acked} file. Written to a temporary file,
 * fsync'd and renamed over the old one, so a crash leaves either the old or the new value, never half of one.
 */
final class AckMark {
    private final Path file;

    AckMark(Path file) {
        this.file = file;
    }

    /** The stored value; 0 when nothing was ever acknowledged. */
    long read() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new OutboxCorruptException("Outbox file " + file + " should hold the highest acknowledged sequence"
                + " as a number but holds '" + text + "'. Write the number the console last acknowledged into it"
                + " (0 if unknown: the console ignores events it already holds)");
    }

    void write(long value) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.US_ASCII));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Directories.sync(file.toAbsolutePath().getParent());
    }
}
