package org.nestguard.console.web.policies;

import java.util.List;

/** A line of submitted policy text read back with its number and the problems found at it. */
public record NumberedLine(int number, String text, List<PolicyProblem> problems) {
    /** Whether a problem was found at this line. */
    public boolean marked() {
        return !problems.isEmpty();
    }
}
