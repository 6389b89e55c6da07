package org.nestguard.console.store;

import java.time.Instant;
import java.util.List;

/**
 * A hold on a device: who placed it, when and why, whether logon is locked, the lift with its police advice (null
 * while open), and what the agent last reported applying (null until it has).
 */
public record DeviceHold(String id, String deviceId, String settingId, Instant placedAt, String placedBy,
                         String reason, boolean lock, Instant liftedAt, String liftedBy, PoliceAdvice policeAdvice,
                         String liftJustification, Boolean agentActive, List<String> lockedAccounts,
                         List<String> lockFailures, String agentDetail, Instant agentReportedAt) {
    /** Whether the hold is in force. */
    public boolean open() {
        return liftedAt == null;
    }
}
