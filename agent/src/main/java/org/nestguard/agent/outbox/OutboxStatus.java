package org.nestguard.agent.outbox;

/**
 * What the outbox holds now, for the agent's status output and log.
 *
 * @param nextSequence      the sequence the next event will get
 * @param acknowledged      the highest sequence the console has acknowledged
 * @param bytesOnDisk       the size of all segment files
 * @param maxBytes          the configured bound
 * @param overBound         true while only undroppable events remain and the outbox is writing past its bound
 */
public record OutboxStatus(long nextSequence, long acknowledged, long bytesOnDisk, long maxBytes, boolean overBound) {
    /** Events recorded but not yet acknowledged (dropped ones included, since their numbers were used). */
    public long unacknowledged() {
        return nextSequence - 1 - acknowledged;
    }
}
