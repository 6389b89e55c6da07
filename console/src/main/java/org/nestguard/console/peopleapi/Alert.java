package org.nestguard.console.peopleapi;

import java.time.Instant;

/**
 * Something technical staff or the administrator must act on, said without any browsing content: a device off the
 * premises while its disk encryption does not pass, a flag that reaches no one, monitoring records no policy
 * covers, or a browser history the agent cannot read. Fields that do not apply to the kind are null.
 *
 * @param kind             {@value #UNENCRYPTED_OFF_PREMISES}, {@value #FLAG_UNROUTED}, {@value #NOT_COVERED} or
 *                         {@value #HISTORY_UNREADABLE}
 * @param at               when it arose: the device's last check-in, or when the console received the record
 * @param message          what is wrong and what to do
 * @param flagId           the flag that reaches no one, to name it to the people who sort out roles
 */
public record Alert(String kind, String settingId, String deviceId, String hostname, Instant at, String message,
                    String flagId, Instant lastSeenAt, String lastAddress, String encryptionStatus, String clause) {
    public static final String UNENCRYPTED_OFF_PREMISES = "unencrypted-off-premises";
    public static final String FLAG_UNROUTED = "flag-unrouted";
    public static final String NOT_COVERED = "monitoring-not-covered";
    public static final String HISTORY_UNREADABLE = "history-unreadable";
}
