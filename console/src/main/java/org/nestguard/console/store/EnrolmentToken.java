package org.nestguard.console.store;

import java.time.Instant;

/** An enrolment token as listed: everything but the secret, which the console never keeps. */
public record EnrolmentToken(String id, String settingId, int usesTotal, int usesLeft, Instant expiresAt,
                             Instant createdAt) {
}
