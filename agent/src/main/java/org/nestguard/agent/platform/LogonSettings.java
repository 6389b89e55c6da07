package org.nestguard.agent.platform;

/**
 * Machine-wide logon settings.
 *
 * @param guestEnabled     whether a guest account or guest session is available; null when not readable
 * @param autoLogonEnabled whether the machine logs a user on without a password at boot; null when not readable
 * @param autoLogonUser    the account logged on automatically, where one is
 * @param source           where this was read, for the evidence
 */
public record LogonSettings(Boolean guestEnabled, Boolean autoLogonEnabled, String autoLogonUser, String source) {
}
