package org.nestguard.console.store;

import java.time.Instant;

/**
 * One row of the audit log: who did what to which record, when; the setting it concerns (null: the console as a
 * whole) and whether it touched staff records; and its place in the hash chain.
 */
public record AuditEntry(long id, Instant at, String actor, String actorId, String action, String target,
                         String detail, String settingId, boolean staffMatter, String previousHash, String hash) {
}
