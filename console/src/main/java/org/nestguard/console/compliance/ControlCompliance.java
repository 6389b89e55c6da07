package org.nestguard.console.compliance;

/** For one control across a setting's devices: how many pass, fail, could not be checked or have it not apply. */
public record ControlCompliance(String control, int passing, int failing, int unknown, int notApplicable) {
    /** The passing share, in whole percent, of the devices the control applies to (0 when none). */
    public int passingPercent() {
        int counted = passing + failing + unknown;
        return counted == 0 ? 0 : Math.round(100f * passing / counted);
    }
}
