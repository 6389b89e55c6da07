package org.nestguard.protocol.policy;

import java.time.Duration;
import java.util.List;

/**
 * The operating system is a version its vendor still supports, and no security update has been waiting
 * longer than {@code maxSecurityUpdateAge}.
 */
public record UpdateRule(Duration maxSecurityUpdateAge, List<Clause> clauses) {
    public UpdateRule {
        Fields.requireDuration("maxSecurityUpdateAge", maxSecurityUpdateAge, Duration.ofDays(1), Duration.ofDays(180),
                "P14D");
        clauses = Fields.requireClauses(clauses);
    }
}
