package org.nestguard.console.store;

import java.time.Instant;
import org.nestguard.protocol.wire.DeviceFacts;
import org.nestguard.protocol.wire.NetworkLocation;

/**
 * An enrolled device: what it said about itself at its latest enrolment, how many times it has enrolled, and
 * when and from where it last checked in (null until it has).
 */
public record Device(String id, String settingId, DeviceFacts facts, Instant enrolledAt, int enrolment,
                     Instant lastSeenAt, String lastAddress, NetworkLocation location) {
}
