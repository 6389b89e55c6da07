package org.nestguard.protocol.wire;

import java.util.List;

/**
 * Console to agent: the highest sequence it now holds for the device (the agent may trim its outbox up to
 * it), the setting's current policy version, and the commands waiting for the device.
 */
public record CheckInResponse(long highestSequence, int policyVersion, List<Command> commands) {
    public CheckInResponse {
        commands = commands == null ? List.of() : List.copyOf(commands);
    }
}
