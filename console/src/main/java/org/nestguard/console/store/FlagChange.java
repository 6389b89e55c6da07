package org.nestguard.console.store;

import java.time.Instant;

/** A change of a flag's state: who made it, when, from and to which state, why, and the concern it became. */
public record FlagChange(String flagId, Instant at, String byId, String byName, FlagState from, FlagState to,
                         String reason, String concernReference) {
}
