package org.nestguard.agent.outbox;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file, {@code seg-<firstSequence>.log}: every record in it has a sequence at or above its first
 * sequence and below the next segment's. The name stays when a full outbox rewrites the segment without its dropped
 * events, so the names alone order the segments.
 */
record Segment(long firstSequence, Path path) {
    private static final Pattern NAME = Pattern.compile("seg-(\\d{1,19})\\.log");

    static Segment in(Path directory, long firstSequence) {
        return new Segment(firstSequence, directory.resolve("seg-" + firstSequence + ".log"));
    }

    /** The segment a file name denotes, or empty for any other file. */
    static Optional<Segment> parse(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? Optional.of(new Segment(Long.parseLong(matcher.group(1)), file)) : Optional.empty();
    }

    String name() {
        return path.getFileName().toString();
    }
}
