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
 * @param disabled        true when the account cannot log on (disabled, expired or locked)
 * @param password        whether a password is set
 * @param passwordLastSet when the password was last set; null when the OS does not say
 * @param lastLogon       the last interactive logon; null when never or not recorded
 * @param groups          local groups the account belongs to
 * @param administrator   true when the account can administer the machine (Administrators, sudo, admin)
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
        boolean administrator,
        String source) {

    public LocalAccount {
        groups = Set.copyOf(groups);
    }

    /** Whether an account has a password. */
    public enum PasswordState { SET, EMPTY, LOCKED, UNKNOWN }
}
