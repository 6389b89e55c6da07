package org.nestguard.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The monitoring the setting's policy names, so the agent collects what the policy says and no more. */
public record MonitoringRule(List<Method> methods, List<Clause> clauses) {
    public MonitoringRule {
        methods = Fields.listOrEmpty(methods);
        if (methods.isEmpty()) {
            throw new PolicyFieldException("methods", "empty; expected at least one of browserHistory, images, "
                    + "logfileReview, proactive, managerChecks, supervision, loginRecords");
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
        @JsonProperty("loginRecords") LOGIN_RECORDS
    }
}
