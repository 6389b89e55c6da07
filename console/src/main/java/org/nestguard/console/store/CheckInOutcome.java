package org.nestguard.console.store;

import java.util.List;

/** What a recorded check-in comes to: the highest contiguous sequence held, the policy version, open commands. */
public record CheckInOutcome(long highestSequence, int policyVersion, List<StoredCommand> commands) {
    public CheckInOutcome {
        commands = List.copyOf(commands);
    }
}
