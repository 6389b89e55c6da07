package org.nestguard.agent.platform;

/**
 * An account the hold's lock disabled, and its state before, so lifting the hold restores it exactly.
 *
 * @param wasDisabled        it could not log on already (Linux: password locked; Windows: UF_ACCOUNTDISABLE;
 *                           macOS: disabled), so unlocking leaves it so
 * @param previousExpiryDays Linux only: the shadow expiry date before the lock (days since 1970-01-01), null for
 *                           none
 * @param id                 uid or SID, for ending sessions
 * @param warning            what went only partly right (its sessions could not be ended), else null
 */
public record LockedAccount(String account, String id, boolean wasDisabled, Long previousExpiryDays,
                            String warning) {
}
