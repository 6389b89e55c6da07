package org.nestguard.console.compliance;

/** For one control across a setting's devices: how many pass, fail, could not be checked or have it not apply. */
public record ControlCompliance(String control, int passing, int failing, int unknown, int notApplicable) {
}
