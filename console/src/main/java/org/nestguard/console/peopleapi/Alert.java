package org.nestguard.console.peopleapi;

import java.time.Instant;

/** A device off its setting's premises while its disk encryption does not pass, with the clause that forbids it. */
public record Alert(String deviceId, String hostname, String settingId, Instant lastSeenAt, String lastAddress,
                    String encryptionStatus, String clause) {
}
