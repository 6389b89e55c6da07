package org.nestguard.agent.outbox;

/**
 * How large the outbox may grow on disk, how large each segment file is before a new one starts, and the largest
 * single event it takes.
 *
 * @param maxBytes      the size bound; past it the oldest low-priority unacknowledged events are dropped
 * @param segmentBytes  a segment file is closed and a new one started once it reaches this size
 * @param maxEventBytes the largest event (as JSON) accepted; it must fit in one check-in body
 */
public record OutboxConfig(long maxBytes, int segmentBytes, int maxEventBytes) {
    /** 64 MiB: at a few hundred kilobytes of check results a day, months of offline recording. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    private static final int MAX_SEGMENT_BYTES = 1 << 20;
    private static final int MIN_SEGMENT_BYTES = 1024;

    public OutboxConfig {
        if (maxBytes < 4096) {
            throw new IllegalArgumentException("outbox maxBytes is " + maxBytes + "; it must be at least 4096 bytes");
        }
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > maxBytes) {
            throw new IllegalArgumentException("outbox segmentBytes is " + segmentBytes + "; it must be between "
                    + MIN_SEGMENT_BYTES + " and maxBytes (" + maxBytes + ")");
        }
        if (maxEventBytes < 256 || maxEventBytes > 16 << 20) {
            throw new IllegalArgumentException("outbox maxEventBytes is " + maxEventBytes
                    + "; it must be between 256 bytes and 16 MiB");
        }
    }

    /** The defaults: a 64 MiB bound, 1 MiB segments, events up to 1 MiB. */
    public static OutboxConfig defaults() {
        return bounded(DEFAULT_MAX_BYTES);
    }

    /**
     * A bound of {@code maxBytes} with segments of an eighth of it (at most 1 MiB), so dropping the oldest segment's
     * low-priority events frees a useful share without rewriting much.
     */
    public static OutboxConfig bounded(long maxBytes) {
        int segment = (int) Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, maxBytes / 8));
        return new OutboxConfig(maxBytes, segment, (int) Math.min(1 << 20, Math.max(256, maxBytes / 4)));
    }
}
