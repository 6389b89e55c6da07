package org.nestguard.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One thing the agent recorded, numbered by the device: the console stores each (device, sequence) once.
 *
 * @param sequence   1, 2, 3 ... per device, never reused
 * @param recordedAt when the agent recorded it
 * @param type       what it is: {@code check-result}, {@code command-result}, and later {@code flag}, {@code quarantine}
 * @param payload    the type's own JSON
 */
public record Event(long sequence, Instant recordedAt, String type, JsonNode payload) {
}
