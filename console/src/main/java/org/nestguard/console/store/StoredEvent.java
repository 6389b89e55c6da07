package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An event as the console holds it: numbered by the device within one enrolment, with when the agent recorded it,
 * when the console received it, and for check results the control it is about.
 */
public record StoredEvent(String deviceId, int enrolment, long sequence, Instant recordedAt, Instant receivedAt,
                          String type, String control, JsonNode payload) {
}
