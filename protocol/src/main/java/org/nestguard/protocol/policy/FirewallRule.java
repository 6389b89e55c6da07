package org.nestguard.protocol.policy;

import java.util.List;

/** The host firewall filters incoming traffic on every network profile. */
public record FirewallRule(List<Clause> clauses) {
    public FirewallRule {
        clauses = Fields.requireClauses(clauses);
    }
}
