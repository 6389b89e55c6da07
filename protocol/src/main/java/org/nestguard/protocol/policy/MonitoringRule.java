package org.nestguard.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The monitoring the setting's policy names, so the agent collects what the policy says and no more. Browser
 * history is collected only when {@code history} is present; it needs a method that covers it
 * ({@code browserHistory}, {@code logfileReview} or {@code proactive}).
 */
public record MonitoringRule(List<Method> methods, HistoryRule history, List<Clause> clauses) {
    public MonitoringRule {
        methods = Fields.listOrEmpty(methods);
        if (methods.isEmpty()) {
            throw new PolicyFieldException("methods", "empty; expected at least one of browserHistory, images, "
                    + "logfileReview, proactive, managerChecks, supervision, loginRecords");
        }
        if (history != null && methods.stream().noneMatch(Method::coversHistory)) {
            throw new PolicyFieldException("history", "is set but methods " + methods + " include none that "
                    + "reads web history; add browserHistory, logfileReview or proactive, or remove history");
        }
        clauses = Fields.requireClauses(clauses);
    }

    /** A way of monitoring named in a policy. */
    public enum Method {
        @JsonProperty("browserHistory") BROWSER_HISTORY,
        @JsonProperty("images") IMAGES,
        @JsonProperty("logfileReview") LOGFILE_REVIEW,
        @JsonProperty("proactive") PROACTIVE,
        @JsonProperty("managerChecks") MANAGER_CHECKS,
        @JsonProperty("supervision") SUPERVISION,
        @JsonProperty("loginRecords") LOGIN_RECORDS;

        /** Whether this method is carried out by reading browser history. */
        public boolean coversHistory() {
            return this == BROWSER_HISTORY || this == LOGFILE_REVIEW || this == PROACTIVE;
        }
    }
}
