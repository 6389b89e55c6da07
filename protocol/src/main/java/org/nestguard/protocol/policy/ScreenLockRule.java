package org.nestguard.protocol.policy;

import java.time.Duration;
import java.util.List;

/** Automatic screen lock: the longest idle time before the screen locks, and a password to wake it. */
public record ScreenLockRule(Duration maxIdle, Boolean passwordOnWake, List<Clause> clauses) {
    public ScreenLockRule {
        Fields.requireDuration("maxIdle", maxIdle, Duration.ofSeconds(10), Duration.ofHours(4), "PT5M");
        Fields.require("passwordOnWake", passwordOnWake, "true or false");
        clauses = Fields.requireClauses(clauses);
    }
}
