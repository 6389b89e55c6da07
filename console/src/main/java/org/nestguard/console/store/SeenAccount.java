package org.nestguard.console.store;

import java.time.Instant;

/**
 * An OS account the agent's account checks reported on a device: whether it can administer the device as the
 * device's latest results say (null: not said), whether it is still there in them, and when it was first and
 * last reported.
 */
public record SeenAccount(String deviceId, String hostname, String account, Boolean administrator, boolean current,
                          Instant firstSeen, Instant lastSeen) {
}
