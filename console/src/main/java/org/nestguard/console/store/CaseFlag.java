package org.nestguard.console.store;

import java.time.Instant;
import org.nestguard.protocol.monitoring.Severity;

/** A flag escalated into a concern: what and when it was, and who linked it when. */
public record CaseFlag(String flagId, Severity severity, String host, String account, Instant visitedAt,
                       FlagState state, Instant linkedAt, String linkedByName) {
}
