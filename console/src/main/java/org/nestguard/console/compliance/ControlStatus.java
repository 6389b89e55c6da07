package org.nestguard.console.compliance;

import java.util.Locale;

/** How a device stands on one control, from its latest result; no result at all counts as unknown, never passing. */
public enum ControlStatus {
    PASSING, FAILING, UNKNOWN, NOT_APPLICABLE;

    /** The status of a result as the agent spelled it (PASS, FAIL, NOT_APPLICABLE, anything else: unknown). */
    public static ControlStatus of(String reported) {
        if (reported == null) {
            return UNKNOWN;
        }
        return switch (reported.strip().toUpperCase(Locale.ROOT)) {
            case "PASS" -> PASSING;
            case "FAIL" -> FAILING;
            case "NOT_APPLICABLE" -> NOT_APPLICABLE;
            default -> UNKNOWN;
        };
    }
}
