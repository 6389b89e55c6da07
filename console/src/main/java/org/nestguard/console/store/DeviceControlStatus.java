package org.nestguard.console.store;

/**
 * A device with the status of its latest result for one control.
 *
 * @param statusOrNull the status, trimmed and in upper case; null when the device never reported the control
 */
public record DeviceControlStatus(Device device, String statusOrNull) {
    /** The status of a result that was reported without one. */
    public static final String NO_STATUS = "NO STATUS";
}
