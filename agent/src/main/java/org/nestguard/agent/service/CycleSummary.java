package org.nestguard.agent.service;

import java.time.Instant;

/** The payload of a {@code check-cycle} event: one run of every control, counted by outcome. */
public record CycleSummary(Instant startedAt, Instant finishedAt, int policyVersion, int checked, int passed,
                           int failed, int unknown, int notApplicable) {
}
