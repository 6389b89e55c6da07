package org.nestguard.console.retention;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nestguard.console.store.PolicyVersion;
import org.nestguard.console.store.Retention;
import org.nestguard.console.store.WebSessions;
import org.nestguard.protocol.policy.HistoryRule;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;

/**
 * The retention in force for each data class of a setting: the setting's current policy for monitoring records
 * ({@code monitoring.history.keepVisits} and {@code keepFlags}, as jobs/RetentionJob applies them) and the fixed
 * rules of DESIGN §7–§8 for the rest.
 */
final class RetentionRules {
    /** Always true, whatever the policy says: shown beside the table. */
    static final List<String> FIXED = List.of(
            "Escalated flags are kept until the concern is closed, whatever keepFlags says: they are the concern's "
                    + "evidence.",
            "Nothing on a device on hold is purged until the hold is lifted with the police advice recorded.",
            "Quarantined files are never deleted automatically: only the DSL destroys one, after confirming no other "
                    + "agency needs it and no child is put at risk.",
            "The audit log is never purged: it is the record of who saw and changed what.");

    private RetentionRules() {
    }

    /** The rules for a setting whose current policy is this (empty: none stored yet). */
    static List<RetentionRule> of(Optional<PolicyVersion> policy) {
        String version = policy.map(p -> "policy v" + p.version()).orElse("no policy");
        HistoryRule history = null;
        String unreadable = null;
        if (policy.isPresent()) {
            try {
                Policy parsed = new PolicyLoader().parse(policy.get().settingId() + " " + version, policy.get().yaml());
                history = parsed.monitoring() == null ? null : parsed.monitoring().history();
            } catch (PolicyException e) {
                unreadable = e.getMessage();
            }
        }
        List<RetentionRule> rules = new ArrayList<>();
        if (history == null) {
            String why = unreadable != null ? version + " no longer parses (" + unreadable + "), so nothing is purged "
                    + "until it does" : version + " sets no monitoring.history rule, so the console keeps these "
                    + "records and deletes nothing; an alert says the policy does not cover them";
            for (String dataClass : List.of(Retention.VISITS, Retention.FLAGS, Retention.NOTICES, Retention.EVENTS)) {
                rules.add(new RetentionRule(dataClass, "kept (no rule)", why));
            }
        } else {
            String clauses = history.clauses().stream().map(Object::toString).collect(Collectors.joining("; "));
            String from = version + ", monitoring.history.";
            rules.add(history.keepVisits() == null
                    ? new RetentionRule(Retention.VISITS, "none held", from + "upload is 'flagged': unflagged visits "
                            + "never reach the console. " + clauses)
                    : new RetentionRule(Retention.VISITS, words(history.keepVisits()), from + "keepVisits ("
                            + history.keepVisits() + "), unflagged visits only. " + clauses));
            rules.add(new RetentionRule(Retention.FLAGS, words(history.keepFlags()) + ", escalated flags until the "
                    + "concern closes", from + "keepFlags (" + history.keepFlags() + "), with their review history. "
                    + clauses));
            rules.add(new RetentionRule(Retention.NOTICES, words(history.keepFlags()), from + "keepFlags ("
                    + history.keepFlags() + "): cleared or unreadable history notices go with the flags. " + clauses));
            rules.add(new RetentionRule(Retention.EVENTS, "as the records they carried", "An uploaded event's "
                    + "content is blanked when the visit, flag or notice it carried is purged; the row stays so a "
                    + "re-sent event is not stored twice."));
        }
        rules.add(new RetentionRule("quarantine records", "never purged", "Fixed rule (DESIGN §7): metadata of "
                + "flagged and quarantined files and every decision on them are kept; a file is destroyed only by "
                + "the DSL's recorded decision."));
        rules.add(new RetentionRule("device holds", "never purged", "Fixed rule (DESIGN §7): the record of each "
                + "hold and the police advice that lifted it."));
        rules.add(new RetentionRule("self-tests", "never purged", "Fixed rule: the dated log for the annual review "
                + "holds no browsing."));
        rules.add(new RetentionRule("audit log", "never purged", "Fixed rule (DESIGN §8): append-only and "
                + "hash-chained; deleting a row would break the chain."));
        rules.add(new RetentionRule("web sessions", "until they end", "Fixed rule: a session ends after "
                + WebSessions.IDLE.toMinutes() + " minutes idle or " + WebSessions.ABSOLUTE.toHours() + " hours in "
                + "all; ended sessions are deleted every 15 minutes."));
        return rules;
    }

    // "90 days", "6 years", "1 year and 6 months"
    static String words(Period period) {
        List<String> parts = new ArrayList<>();
        if (period.getYears() > 0) {
            parts.add(period.getYears() + (period.getYears() == 1 ? " year" : " years"));
        }
        if (period.getMonths() > 0) {
            parts.add(period.getMonths() + (period.getMonths() == 1 ? " month" : " months"));
        }
        if (period.getDays() > 0 || parts.isEmpty()) {
            parts.add(period.getDays() + (period.getDays() == 1 ? " day" : " days"));
        }
        return String.join(" and ", parts);
    }
}
