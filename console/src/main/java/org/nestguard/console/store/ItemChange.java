package org.nestguard.console.store;

import java.time.Instant;

/** What the agent reported happening to a quarantine item: isolated, released, destroyed, exported, recovered. */
public record ItemChange(String action, String commandId, String detail, Instant recordedAt, Instant receivedAt) {
}
