package org.nestguard.protocol.policy;

import java.util.List;

/** Files on setting devices are checked regularly ("Regularly checking files held on our network"). */
public record FileCheckRule(List<Clause> clauses) {
    public FileCheckRule {
        clauses = Fields.requireClauses(clauses);
    }
}
