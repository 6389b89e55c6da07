package org.nestguard.console.store;

import java.time.Instant;
import org.nestguard.protocol.monitoring.AccountKind;

/** A flag nobody may read: its setting has no one in the roles it goes to except, perhaps, its own subject. */
public record UnroutedFlag(String flagId, String settingId, String deviceId, String hostname, AccountKind accountKind,
                           Instant receivedAt) {
}
