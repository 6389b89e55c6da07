package org.nestguard.protocol.policy;

import java.time.Duration;
import java.util.List;

/** Antivirus present, switched on, and signatures no older than {@code maxSignatureAge}. */
public record AntivirusRule(Duration maxSignatureAge, List<Clause> clauses) {
    public AntivirusRule {
        Fields.requireDuration("maxSignatureAge", maxSignatureAge, Duration.ofHours(1), Duration.ofDays(90), "P7D");
        clauses = Fields.requireClauses(clauses);
    }
}
