package org.nestguard.agent.service;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nestguard.agent.history.AccountKinds;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.policy.LearnerRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learner or staff by the policy's learner rule and the account's local groups, read once per collection. An
 * account the rule does not name is a member of staff's: setting devices are staff devices unless the policy says
 * which accounts are children's, and treating an unknown account as staff routes its flags to the manager or
 * headteacher rather than hiding them from leadership.
 */
public final class PolicyAccountKinds implements AccountKinds {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyAccountKinds.class);

    private final LearnerRule rule;
    private final Map<String, Set<String>> groups;

    private PolicyAccountKinds(LearnerRule rule, Map<String, Set<String>> groups) {
        this.rule = rule;
        this.groups = groups;
    }

    /**
     * The kinds as the device's accounts are now. When the accounts cannot be read, names and patterns in the rule
     * still apply; group membership cannot, which is logged.
     */
    public static PolicyAccountKinds read(LearnerRule rule, AccountProbe accounts) {
        Map<String, Set<String>> groups = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (rule != null) {
            try {
                for (LocalAccount account : accounts.accounts()) {
                    groups.put(account.name(), account.groups());
                }
            } catch (ProbeException e) {
                LOG.warn("Cannot read the local accounts' groups ({}); learners are told by name only this time",
                        e.getMessage());
            }
        }
        return new PolicyAccountKinds(rule, groups);
    }

    @Override
    public AccountKind kindOf(String account) {
        if (rule != null && rule.isLearner(account, groups.getOrDefault(account, Set.of()))) {
            return AccountKind.LEARNER;
        }
        return AccountKind.STAFF;
    }
}
