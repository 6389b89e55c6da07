package org.nestguard.protocol.wire;

import java.util.List;

/** Agent to console over mutual TLS: a batch of events in sequence order, where the device is, what it runs. */
public record CheckIn(List<Event> events, NetworkLocation location, int policyVersion, String agentVersion) {
    public CheckIn {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
