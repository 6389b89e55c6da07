package org.nestguard.agent.quarantine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.nestguard.agent.platform.LockedAccount;

/**
 * The device's hold as stored in the data folder.
 *
 * @param lockRequested whether the hold asked for the logon lock
 * @param locked        the accounts the lock disabled and their state before, for lifting
 * @param lockFailures  accounts that could not be locked (or unlocked), each with the reason
 */
public record Hold(String holdId, Instant since, boolean lockRequested, List<LockedAccount> locked,
                   List<String> lockFailures) {
    public Hold {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(since, "since");
        locked = locked == null ? List.of() : List.copyOf(locked);
        lockFailures = lockFailures == null ? List.of() : List.copyOf(lockFailures);
    }
}
