package org.nestguard.agent.platform;

import java.time.Instant;
import java.util.Set;

/**
 * A local account as the OS holds it. Only interactive accounts (people can log on with them) matter for
 * the password rules; service accounts are reported with {@code interactive = false}.
 *
 * @param name            the account name
 * @param id              uid or SID
 * @param interactive     true for accounts people log on with
 * @param disabled        true when the account is administratively unable to log on (disabled or expired); a
 *                        temporary lockout after wrong passwords does not count, and neither does a locked password
 *                        (see {@link PasswordState#LOCKED})
 * @param password        whether a password is set
 * @param passwordLastSet when the password was last set; null when the OS does not say
 * @param lastLogon       the last interactive logon; null when never or not recorded
 * @param groups          local groups the account belongs to
 * @param administrator   whether the account can administer the machine (Administrators, sudo or sudoers, admin);
 *                        null when that could not be read
 * @param source          where this was read, for the evidence
 */
public record LocalAccount(
        String name,
        String id,
        boolean interactive,
        boolean disabled,
        PasswordState password,
        Instant passwordLastSet,
        Instant lastLogon,
        Set<String> groups,
        Boolean administrator,
        String source) {

    public LocalAccount {
        groups = Set.copyOf(groups);
    }

    /** Whether an account has a password. */
    public enum PasswordState {
        /** A password is set (it may still be weak; the OS does not say). */
        SET,
        /** No password: anyone can log on as this account. */
        EMPTY,
        /** Password logon is impossible for this account (locked hash, no local password record). */
        LOCKED,
        /** Could not be read. */
        UNKNOWN
    }
}
