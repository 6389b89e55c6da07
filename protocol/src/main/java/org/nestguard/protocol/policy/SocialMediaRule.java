package org.nestguard.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Use of social media on setting devices: not allowed, allowed only at set times, or controlled case by case. */
public record SocialMediaRule(Use use, List<String> permittedTimes, List<Clause> clauses) {
    public SocialMediaRule {
        Fields.require("use", use, "'denied', 'permittedTimes' or 'controlled'");
        permittedTimes = Fields.listOrEmpty(permittedTimes);
        if (use == Use.PERMITTED_TIMES && permittedTimes.isEmpty()) {
            throw new PolicyFieldException("permittedTimes", "empty; 'permittedTimes' use needs the times, "
                    + "such as [\"break\", \"lunchtime\"]");
        }
        clauses = Fields.requireClauses(clauses);
    }

    /** What the policy allows. */
    public enum Use {
        @JsonProperty("denied") DENIED,
        @JsonProperty("permittedTimes") PERMITTED_TIMES,
        @JsonProperty("controlled") CONTROLLED
    }
}
