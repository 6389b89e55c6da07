package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A command for a device and how far it got: delivered (sent in a check-in answer), completed with a result. */
public record StoredCommand(String id, String deviceId, String type, JsonNode payload, Instant createdAt,
                            Instant deliveredAt, Instant completedAt, JsonNode result) {
}
