package org.nestguard.agent.outbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.nestguard.protocol.wire.Event;

/**
 * The process {@link OutboxCrashTest} kills: opens the outbox in {@code args[0]} and appends events for ever, printing each sequence only after {@link Outbox#append} has returned, and every tenth event
 * acknowledges up to five back, printing {@code ack N} once that has returned. It prints {@code ready} after
 * its first event.
 */
public final class OutboxCrashChild {
    private OutboxCrashChild() {
    }

    public static void main(String[] args) throws IOException {
        // Straight to the file descriptor: one write per line, nothing held in a Java buffer when killed.
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        try (Outbox outbox = Outbox.open(Path.of(args[0]), OutboxCrashTest.CONFIG)) {
            for (int i = 0; ; i++) {
                Event event = outbox.append(i % 5 == 0 ? "flag" : "check-result",
                        JsonNodeFactory.instance.objectNode().put("n", i).put("padding", "x".repeat(i % 97)));
                out.write((event.sequence() + "\n").getBytes(StandardCharsets.US_ASCII));
                if (i == 0) {
                    // Said after the first append, whose class loading would otherwise take most kills.
                    out.write("ready\n".getBytes(StandardCharsets.US_ASCII));
                }
                if (event.sequence() % 10 == 0) {
                    outbox.ack(event.sequence() - 5);
                    out.write(("ack " + (event.sequence() - 5) + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }
}
