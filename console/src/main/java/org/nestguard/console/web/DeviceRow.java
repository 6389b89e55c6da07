package org.nestguard.console.web;

import java.util.List;
import org.nestguard.console.store.Device;

/** A device in the list: the device, the controls it fails, and whether it is on the premises (null: cannot tell). */
public record DeviceRow(Device device, List<String> failing, Boolean onPremises) {
    /** "on the premises", "off the premises" or "unknown", for the list. */
    public String premises() {
        return onPremises == null ? "unknown" : onPremises ? "on the premises" : "off the premises";
    }
}
