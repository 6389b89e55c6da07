package org.nestguard.console.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.nestguard.console.store.Device;

/**
 * One setting's devices, each with its latest result per control, read in two queries: what the device list filters
 * and pages through. The figures over a whole setting are counted by the store instead ({@link Fleets}).
 *
 * @param results each device's latest results by device id, ordered by control (a device without any is absent)
 */
public record Fleet(String settingId, List<Device> devices, Map<String, List<ControlResult>> results) {

    /** The device's latest results, by control. */
    public List<ControlResult> results(String deviceId) {
        return results.getOrDefault(deviceId, List.of());
    }

    /** The device's status on the control: unknown without a result. */
    public ControlStatus status(String deviceId, String control) {
        return result(deviceId, control).map(result -> ControlStatus.of(result.status())).orElse(ControlStatus.UNKNOWN);
    }

    /** The device's latest result for the control. */
    public Optional<ControlResult> result(String deviceId, String control) {
        return results(deviceId).stream().filter(result -> result.control().equals(control)).findFirst();
    }

    /** Every control any device has reported, sorted. */
    public List<String> controls() {
        TreeSet<String> controls = new TreeSet<>();
        results.values().forEach(list -> list.forEach(result -> controls.add(result.control())));
        return List.copyOf(controls);
    }

    /** When the device was last heard from: its last check-in, or its enrolment if it never checked in. */
    public static Instant lastContact(Device device) {
        return device.lastSeenAt() == null ? device.enrolledAt() : device.lastSeenAt();
    }
}
