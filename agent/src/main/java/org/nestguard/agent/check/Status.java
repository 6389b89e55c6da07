package org.nestguard.agent.check;

/** The outcome of a check. UNKNOWN means the fact could not be read and is never reported as PASS. */
public enum Status {
    PASS, FAIL, UNKNOWN, NOT_APPLICABLE;

    /** The worse of two outcomes for a control whose items must all pass: FAIL, then UNKNOWN, then PASS. */
    Status and(Status other) {
        if (this == FAIL || other == FAIL) {
            return FAIL;
        }
        if (this == UNKNOWN || other == UNKNOWN) {
            return UNKNOWN;
        }
        if (this == PASS || other == PASS) {
            return PASS;
        }
        return NOT_APPLICABLE;
    }
}
