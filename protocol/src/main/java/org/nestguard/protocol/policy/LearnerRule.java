package org.nestguard.protocol.policy;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How to tell learner (child) accounts on a device, and that they must not administer it
 * ("Children should not be able to search or install anything on a setting device").
 *
 * @param groups      local groups whose members are learners
 * @param names       account names that are learners (a shared child profile, for example)
 * @param namePattern a regular expression matched against the whole account name, ignoring case, or null
 */
public record LearnerRule(List<String> groups, List<String> names, String namePattern, List<Clause> clauses) {
    public LearnerRule {
        groups = Fields.listOrEmpty(groups);
        names = Fields.listOrEmpty(names);
        if (namePattern != null) {
            try {
                Pattern.compile(namePattern);
            } catch (PatternSyntaxException e) {
                throw new PolicyFieldException("namePattern", "'" + namePattern
                        + "' is not a valid regular expression (" + e.getDescription() + ")");
            }
        }
        if (groups.isEmpty() && names.isEmpty() && namePattern == null) {
            throw new PolicyFieldException("groups", "no way to tell learner accounts; expected at least one of "
                    + "groups, names or namePattern");
        }
        clauses = Fields.requireClauses(clauses);
    }

    /** Whether an account with this name and these groups is a learner's. */
    public boolean isLearner(String account, java.util.Collection<String> accountGroups) {
        if (names.stream().anyMatch(n -> n.equalsIgnoreCase(account))) {
            return true;
        }
        if (accountGroups.stream().anyMatch(g -> groups.stream().anyMatch(g::equalsIgnoreCase))) {
            return true;
        }
        return namePattern != null && Pattern.compile(namePattern, Pattern.CASE_INSENSITIVE).matcher(account).matches();
    }
}
