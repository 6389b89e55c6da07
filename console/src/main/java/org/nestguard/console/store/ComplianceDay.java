package org.nestguard.console.store;

import java.time.LocalDate;

/** One day's counts for one control across a setting's devices: a point of the compliance trend. */
public record ComplianceDay(LocalDate day, String control, int passing, int failing, int unknown,
                            int notApplicable) {
    /** Devices the control applies to: the base of the passing share. */
    public int counted() {
        return passing + failing + unknown;
    }
}
