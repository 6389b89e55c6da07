package org.nestguard.agent.platform;

import java.time.Duration;

/**
 * One user's automatic screen lock.
 *
 * @param user             the local account
 * @param environment      where the setting lives (GNOME, KDE, Windows, macOS, machine policy)
 * @param lockEnabled      whether the screen locks automatically at all; null when not readable
 * @param idleBeforeLock   idle time until the screen is locked (blanking delay plus any grace period); null only
 *                         when it is known never to lock when idle: a value that cannot be read makes the whole
 *                         setting {@link #unreadable unreadable} instead
 * @param passwordOnWake   whether a password is needed to wake; null when not readable
 * @param source           where the values were read, for the evidence
 * @param unreadableReason why the values could not be read for this user, otherwise null
 */
public record ScreenLockSetting(
        String user,
        String environment,
        Boolean lockEnabled,
        Duration idleBeforeLock,
        Boolean passwordOnWake,
        String source,
        String unreadableReason) {

    public static ScreenLockSetting unreadable(String user, String environment, String source, String reason) {
        return new ScreenLockSetting(user, environment, null, null, null, source, reason);
    }
}
