package org.nestguard.protocol.monitoring;

import java.util.List;
import java.util.Objects;

/**
 * Event {@value #TYPE}: a visit the classifier flagged, with every rule that matched and the visits of the same
 * profile just before and after it (up to {@value #CONTEXT} each), so the DSL has context even when the policy
 * uploads only flagged visits. Never dropped by the outbox.
 *
 * @param flagId     a random id the agent gives the flag, so the console stores it once
 * @param visit      the flagged visit
 * @param flags      every matching rule; the flag's severity is the highest of theirs
 * @param before     visits just before, oldest first
 * @param after      visits just after that the agent had read, oldest first
 * @param selfTestId the self-test this canary visit answers, or null for a real flag
 */
public record FlagRaised(String flagId, Visit visit, List<Flag> flags, List<Visit> before, List<Visit> after,
                         String selfTestId) {
    public static final String TYPE = "flag";
    public static final int CONTEXT = 5;

    public FlagRaised {
        Objects.requireNonNull(flagId, "flagId");
        Objects.requireNonNull(visit, "visit");
        flags = List.copyOf(flags);
        if (flags.isEmpty()) {
            throw new IllegalArgumentException("a flag needs at least one matching rule");
        }
        before = before == null ? List.of() : List.copyOf(before);
        after = after == null ? List.of() : List.copyOf(after);
    }

    /** The highest severity among the matching rules. */
    public Severity severity() {
        Severity highest = Severity.LOW;
        for (Flag flag : flags) {
            highest = highest.max(flag.severity());
        }
        return highest;
    }
}
