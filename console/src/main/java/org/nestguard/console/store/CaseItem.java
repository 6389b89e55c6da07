package org.nestguard.console.store;

import java.time.Instant;

/** A quarantine item linked to a concern: its metadata only (device, path), and who linked it when. */
public record CaseItem(String itemId, String hostname, String path, QuarantineItemState state, Instant linkedAt,
                       String linkedByName) {
}
