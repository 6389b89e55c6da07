package org.nestguard.console.store;

import java.time.Instant;

/** One purge by the retention job: when, for which setting, which data, how many rows, and the cut-off used. */
public record Purge(String id, Instant at, String settingId, String dataClass, long rowsDeleted, Instant cutOff) {
}
