package org.nestguard.console.compliance;

import org.nestguard.console.store.Device;

/** A device whose latest result for a control is a failure, with that result (its summary and clauses). */
public record FailingCheck(Device device, ControlResult result) {
}
