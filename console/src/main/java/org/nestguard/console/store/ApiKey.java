package org.nestguard.console.store;

import java.time.Instant;

/** An API key as stored: its name and creation time; the secret itself is never kept. */
public record ApiKey(String id, String name, Instant createdAt) {
}
