package org.nestguard.console.store;

import java.time.Instant;

/** One stored version of a setting's policy YAML: who stored it, when and why, and the text's SHA-256. */
public record PolicyVersion(String settingId, int version, String yaml, String sha256, String author,
                            Instant createdAt, String reason) {
}
