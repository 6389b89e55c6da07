package org.nestguard.agent.check;

import java.util.ArrayList;
import java.util.List;
import org.nestguard.protocol.policy.Clause;

/**
 * Collects the evidence of a control whose items must all pass (every volume, every account) and works out
 * the outcome: FAIL if any item fails, otherwise UNKNOWN if any could not be read, otherwise PASS.
 */
final class Findings {
    private final Control control;
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> unknowns = new ArrayList<>();
    private Status status = Status.NOT_APPLICABLE;

    Findings(Control control) {
        this.control = control;
    }

    Findings pass(String item, String value, String source) {
        return add(Status.PASS, item, value, source);
    }

    Findings fail(String item, String value, String source) {
        failures.add(item + ": " + value);
        return add(Status.FAIL, item, value, source);
    }

    Findings unknown(String item, String value, String source) {
        unknowns.add(item + ": " + value);
        return add(Status.UNKNOWN, item, value, source);
    }

    /** Evidence that informs but does not decide (last logon times, the approved entries that matched). */
    Findings note(String item, String value, String source) {
        evidence.add(new Evidence(item, value, source, null));
        return this;
    }

    private Findings add(Status itemStatus, String item, String value, String source) {
        evidence.add(new Evidence(item, value, source, itemStatus));
        status = status.and(itemStatus);
        return this;
    }

    boolean isEmpty() {
        return status == Status.NOT_APPLICABLE;
    }

    /**
     * @param passed what to say when everything passed
     * @param empty  what to say (as UNKNOWN) when nothing was found to judge
     */
    CheckResult result(List<Clause> clauses, String passed, String empty) {
        return switch (status) {
            case FAIL -> new CheckResult(control, Status.FAIL, String.join("; ", failures), evidence, clauses);
            case UNKNOWN -> new CheckResult(control, Status.UNKNOWN, "could not be read: " + String.join("; ", unknowns),
                    evidence, clauses);
            case PASS -> new CheckResult(control, Status.PASS, passed, evidence, clauses);
            case NOT_APPLICABLE -> new CheckResult(control, Status.UNKNOWN, empty, evidence, clauses);
        };
    }
}
