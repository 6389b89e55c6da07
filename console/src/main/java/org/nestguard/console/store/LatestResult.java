package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A device's newest check result for one control as the {@code latest_results} projection holds it: what the
 * compliance pages show, without the evidence (which stays in the event).
 *
 * @param clausesOrNull the clauses the check cites as the agent sent them (an array, an object or text), or null
 */
public record LatestResult(String deviceId, String control, int enrolment, long sequence, Instant recordedAt,
                           String status, String summary, JsonNode clausesOrNull) {
}
