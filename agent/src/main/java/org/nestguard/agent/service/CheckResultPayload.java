package org.nestguard.agent.service;

import java.util.List;
import org.nestguard.agent.check.CheckResult;
import org.nestguard.agent.check.Evidence;
import org.nestguard.protocol.policy.Clause;

/** The payload of a {@code check-result} event: the control by its report id, and what the check found. */
public record CheckResultPayload(String control, String title, String status, String summary,
                                 List<Evidence> evidence, List<Clause> clauses, int policyVersion) {
    static CheckResultPayload of(CheckResult result, int policyVersion) {
        return new CheckResultPayload(result.control().id(), result.control().title(), result.status().name(),
                result.summary(), result.evidence(), result.clauses(), policyVersion);
    }
}
