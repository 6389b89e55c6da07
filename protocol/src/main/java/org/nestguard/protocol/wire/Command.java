package org.nestguard.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Console to agent: something to do. Types in this version: {@code update-policy} (payload: version, yaml) and
 * {@code check-now}. The agent reports the outcome as a {@code command-result} event naming the command id.
 */
public record Command(String id, String type, JsonNode payload) {
}
