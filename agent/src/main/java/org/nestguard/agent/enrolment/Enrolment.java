package org.nestguard.agent.enrolment;

import java.time.Instant;

/**
 * What the agent remembers about its enrolment, stored as {@code enrolment.json}.
 *
 * @param consoleUrl    the console's base URL, as given at enrolment
 * @param deviceId      the console's id for this device
 * @param settingId     the setting the device belongs to
 * @param caFingerprint the SHA-256 fingerprint of the console CA that was pinned
 * @param enrolledAt    when the device enrolled
 */
public record Enrolment(String consoleUrl, String deviceId, String settingId, String caFingerprint,
                        Instant enrolledAt) {
}
