package org.nestguard.console.store;

import java.time.Instant;

/** A school, nursery or pre-school the console serves; policyVersion 0 means no policy stored yet. */
public record Setting(String id, String name, Instant createdAt, int policyVersion) {
}
