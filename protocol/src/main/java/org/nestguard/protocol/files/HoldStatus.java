package org.nestguard.protocol.files;

import java.util.List;
import java.util.Objects;

/**
 * Event {@value #TYPE}: the device's hold as the agent now applies it.
 *
 * @param active          true while on hold
 * @param lockedAccounts  accounts whose interactive logon is disabled by the hold's lock
 * @param lockFailures    accounts that could not be locked or unlocked, each with the reason
 */
public record HoldStatus(String holdId, boolean active, List<String> lockedAccounts, List<String> lockFailures,
                         String detail) {
    public static final String TYPE = "hold";

    public HoldStatus {
        Objects.requireNonNull(holdId, "holdId");
        lockedAccounts = lockedAccounts == null ? List.of() : List.copyOf(lockedAccounts);
        lockFailures = lockFailures == null ? List.of() : List.copyOf(lockFailures);
    }
}
