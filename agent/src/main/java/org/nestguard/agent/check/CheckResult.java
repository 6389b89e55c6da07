package org.nestguard.agent.check;

import java.util.List;
import org.nestguard.protocol.policy.Clause;

/**
 * What one check concluded, why, from what evidence, and which clauses of the setting's policy it enforces.
 *
 * @param summary one sentence: what passed, what failed and why, or why it could not be read
 */
public record CheckResult(Control control, Status status, String summary, List<Evidence> evidence,
                          List<Clause> clauses) {
    public CheckResult {
        evidence = List.copyOf(evidence);
        clauses = List.copyOf(clauses);
    }

    static CheckResult notApplicable(Control control, String why) {
        return new CheckResult(control, Status.NOT_APPLICABLE, why, List.of(), List.of());
    }

    static CheckResult unknown(Control control, String why, List<Clause> clauses) {
        return new CheckResult(control, Status.UNKNOWN, why, List.of(), clauses);
    }
}
