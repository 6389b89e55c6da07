package org.nestguard.console.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.nestguard.console.store.StoredEvent;

/** A device's latest result for one control, as the agent reported it, with the policy clauses it rests on. */
public record ControlResult(String control, String status, String summary, JsonNode evidence, JsonNode clauses,
                            Instant recordedAt) {

    public static ControlResult of(StoredEvent event) {
        JsonNode payload = event.payload();
        return new ControlResult(event.control(), text(payload, "status"), text(payload, "summary"),
                payload.get("evidence"), payload.has("clauses") ? payload.get("clauses") : payload.get("clause"),
                event.recordedAt());
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Whether this is the disk-encryption control, however the agent spelled its id. */
    public boolean isEncryption() {
        return "encryption".equalsIgnoreCase(control);
    }
}
