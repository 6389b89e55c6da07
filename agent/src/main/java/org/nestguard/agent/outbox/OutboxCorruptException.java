package org.nestguard.agent.outbox;

import java.io.IOException;

/**
 * A record in the outbox that was complete on disk but does not verify: changed, damaged, or written with another
 * key. The outbox refuses to skip it silently, because that would lose an event without anyone knowing.
 */
public final class OutboxCorruptException extends IOException {
    public OutboxCorruptException(String message) {
        super(message);
    }
}
