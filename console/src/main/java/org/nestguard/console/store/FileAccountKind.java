package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.policy.LearnerRule;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learner or staff for a file flag's account: the kind the agent sent with the file (it knows the account's
 * groups); from an older agent that sends none, the kind it gave the account's newest visit or flag on this device;
 * else the setting's learner rule by name and pattern; else staff, as the agent does, so an account nobody named
 * goes to leadership, never unrouted.
 */
final class FileAccountKind {
    private static final Logger LOG = LoggerFactory.getLogger(FileAccountKind.class);

    private FileAccountKind() {
    }

    static AccountKind of(Connection connection, String deviceId, String settingId, FileFacts facts)
            throws SQLException {
        if (facts.accountKind() != null) {
            return facts.accountKind(); // the agent's own reading of the learner rule, groups included
        }
        String account = facts.account();
        if (account == null || account.isBlank()) {
            return AccountKind.STAFF;
        }
        String accountKey = Person.accountKey(account);
        String known = MonitoringEvents.accountKind(connection, deviceId, accountKey);
        if (known != null) {
            return VisibleTo.kind(known);
        }
        LearnerRule rule = learnerRule(connection, settingId);
        return rule != null && rule.isLearner(account, Set.of()) ? AccountKind.LEARNER : AccountKind.STAFF;
    }

    private static LearnerRule learnerRule(Connection connection, String settingId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT p.version, p.yaml FROM settings s "
                + "JOIN policy_versions p ON p.setting_id = s.id AND p.version = s.policy_version WHERE s.id = ?")) {
            query.setString(1, settingId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Policy policy = new PolicyLoader().parse(settingId + " policy v" + row.getInt(1), row.getString(2));
                return policy.learners();
            }
        } catch (PolicyException e) {
            LOG.warn("The stored policy of setting {} no longer parses ({}); a file flag's account counts as staff",
                    settingId, e.getMessage());
            return null;
        }
    }
}
