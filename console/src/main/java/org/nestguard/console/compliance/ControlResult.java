package org.nestguard.console.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.store.LatestResult;
import org.nestguard.console.store.StoredEvent;
import org.nestguard.protocol.policy.Clause;

/** A device's latest result for one control, as the agent reported it, with the policy clauses it rests on. */
public record ControlResult(String control, String status, String summary, JsonNode evidence, JsonNode clauses,
                            Instant recordedAt) {

    public static ControlResult of(StoredEvent event) {
        JsonNode payload = event.payload();
        return new ControlResult(event.control(), text(payload, "status"), text(payload, "summary"),
                payload.get("evidence"), payload.has("clauses") ? payload.get("clauses") : payload.get("clause"),
                event.recordedAt());
    }

    /** The result as the latest-results projection gives it: no evidence (and, passing, no summary or clauses). */
    public static ControlResult of(LatestResult result) {
        return new ControlResult(result.control(), result.status(), result.summary(), null, result.clausesOrNull(),
                result.recordedAt());
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * The policy clauses the check cites, each as "§7.5.1 “quote”" (a clause given as plain text stays as it is),
     * for pages that say why a device fails.
     */
    public List<String> citations() {
        List<String> citations = new ArrayList<>();
        if (clauses == null || clauses.isNull()) {
            return citations;
        }
        for (JsonNode clause : clauses.isArray() ? clauses : List.of(clauses)) {
            if (clause.isTextual()) {
                citations.add(clause.asText());
            } else if (clause.hasNonNull("section") && clause.hasNonNull("quote")) {
                citations.add(new Clause(clause.get("section").asText(), clause.get("quote").asText()).toString());
            }
        }
        return citations;
    }

    /** The evidence items, each as "item: value" (with where it was read, if said), for pages. */
    public List<String> evidenceLines() {
        List<String> lines = new ArrayList<>();
        if (evidence == null || !evidence.isArray()) {
            return lines;
        }
        for (JsonNode item : evidence) {
            String line = item.path("item").asText("") + ": " + item.path("value").asText("");
            String source = item.path("source").asText("");
            lines.add(source.isBlank() ? line : line + " (" + source + ")");
        }
        return lines;
    }
}
