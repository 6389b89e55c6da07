package org.nestguard.agent.check;

import java.util.List;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.protocol.policy.LearnerRule;
import org.nestguard.protocol.policy.Policy;

/** Learner accounts, told apart as the policy says (group, name or pattern), are not administrators. */
public final class LearnerAccountsCheck implements Check {
    private final AccountProbe probe;

    public LearnerAccountsCheck(AccountProbe probe) {
        this.probe = probe;
    }

    @Override
    public Control control() {
        return Control.LEARNER_ACCOUNTS;
    }

    @Override
    public CheckResult run(Policy policy) {
        LearnerRule rule = policy.learners();
        if (rule == null) {
            return CheckResult.notApplicable(control(), "the setting's policy does not say how to tell learner accounts");
        }
        List<LocalAccount> accounts;
        try {
            accounts = probe.accounts();
        } catch (ProbeException e) {
            return CheckResult.unknown(control(), "accounts could not be read: " + e.getMessage(), rule.clauses());
        }
        Findings findings = new Findings(control());
        int learners = 0;
        for (LocalAccount account : accounts) {
            if (!rule.isLearner(account.name(), account.groups())) {
                continue;
            }
            learners++;
            String item = "learner account " + account.name();
            if (account.administrator() == null) {
                findings.unknown(item, "whether it can administer the device could not be read", account.source());
            } else if (account.administrator()) {
                findings.fail(item, "is an administrator (groups: " + String.join(", ", sorted(account)) + ")"
                        + "; a child could install software or change settings", account.source());
            } else {
                findings.pass(item, "not an administrator", account.source());
            }
        }
        if (accounts.isEmpty()) {
            return CheckResult.unknown(control(), "no local accounts were read, so learner accounts cannot be judged",
                    rule.clauses());
        }
        if (learners == 0) {
            String how = "groups " + rule.groups() + ", names " + rule.names()
                    + (rule.namePattern() == null ? "" : ", pattern " + rule.namePattern());
            findings.pass("learner accounts", "none on this device (looked for " + how + " among "
                    + accounts.size() + " accounts)", "local accounts");
        }
        return findings.result(rule.clauses(), learners + " learner account(s), none an administrator",
                "no accounts were found");
    }

    private static List<String> sorted(LocalAccount account) {
        return account.groups().stream().sorted().toList();
    }
}
