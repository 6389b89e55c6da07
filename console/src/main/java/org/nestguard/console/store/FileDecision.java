package org.nestguard.console.store;

import java.time.Instant;

/**
 * A decision about a flagged file with who, when and the justification typed: isolate, release, destroy,
 * preserve, viewing or export.
 *
 * @param detail what else was confirmed or named (destroy's two confirmations, an export's recipient key)
 */
public record FileDecision(String id, String deviceId, String itemId, String decision, Instant at, String byId,
                           String byName, String justification, String policeReference, String detail,
                           String commandId) {
}
