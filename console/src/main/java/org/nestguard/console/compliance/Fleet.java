package org.nestguard.console.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nestguard.console.store.ComplianceDay;
import org.nestguard.console.store.Device;
import org.nestguard.protocol.policy.Policy;

/**
 * One setting's devices, each with its latest result per control, read in two queries; the compliance API, the
 * alerts, the dashboard and the device list all compute from it, so they cannot disagree.
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

    /** Per control, how many devices pass, fail, are unknown (no result counts here) or have it not apply. */
    public List<ControlCompliance> compliance() {
        // one pass over the devices' results (a setting has thousands of devices): a device without a result
        // for a control is unknown, so what the passes did not count is added to unknown at the end
        Map<String, Map<ControlStatus, Integer>> counts = new TreeMap<>();
        controls().forEach(control -> counts.put(control, new EnumMap<>(ControlStatus.class)));
        for (Device device : devices) {
            for (ControlResult result : results(device.id())) {
                counts.get(result.control()).merge(ControlStatus.of(result.status()), 1, Integer::sum);
            }
        }
        List<ControlCompliance> summary = new ArrayList<>();
        counts.forEach((control, byStatus) -> {
            int counted = byStatus.values().stream().mapToInt(Integer::intValue).sum();
            summary.add(new ControlCompliance(control, byStatus.getOrDefault(ControlStatus.PASSING, 0),
                    byStatus.getOrDefault(ControlStatus.FAILING, 0),
                    byStatus.getOrDefault(ControlStatus.UNKNOWN, 0) + devices.size() - counted,
                    byStatus.getOrDefault(ControlStatus.NOT_APPLICABLE, 0)));
        });
        return summary;
    }

    /** Today's point of the trend: {@link #compliance()} as the day's record. */
    public List<ComplianceDay> day(LocalDate day) {
        return compliance().stream().map(counts -> new ComplianceDay(day, counts.control(), counts.passing(),
                counts.failing(), counts.unknown(), counts.notApplicable())).toList();
    }

    /** Every failing result, by control then hostname. */
    public List<FailingCheck> failing() {
        Map<String, List<FailingCheck>> byControl = new TreeMap<>();
        for (Device device : devices) {
            for (ControlResult result : results(device.id())) {
                if (ControlStatus.of(result.status()) == ControlStatus.FAILING) {
                    byControl.computeIfAbsent(result.control(), control -> new ArrayList<>())
                            .add(new FailingCheck(device, result));
                }
            }
        }
        List<FailingCheck> failing = new ArrayList<>();
        byControl.values().forEach(failing::addAll);
        return failing;
    }

    /** Devices with no check-in for at least this long before {@code now} (never: counted from enrolment). */
    public List<Device> notSeenFor(Duration age, Instant now) {
        Instant cutOff = now.minus(age);
        return devices.stream().filter(device -> !lastContact(device).isAfter(cutOff)).toList();
    }

    /** When the device was last heard from: its last check-in, or its enrolment if it never checked in. */
    public static Instant lastContact(Device device) {
        return device.lastSeenAt() == null ? device.enrolledAt() : device.lastSeenAt();
    }

    /**
     * Devices off the premises (as {@link PremisesCheck} tells from the policy) whose latest encryption result is
     * not PASS, no result counting as not PASS: the policy 004 alert.
     */
    public List<OffPremises> unencryptedOffPremises(PremisesCheck premises, Policy policyOrNull) {
        List<OffPremises> found = new ArrayList<>();
        for (Device device : devices) {
            if (!Boolean.FALSE.equals(premises.onPremises(device, policyOrNull))) {
                continue;
            }
            String encryption = results(device.id()).stream().filter(ControlResult::isEncryption)
                    .map(ControlResult::status).findFirst().orElse(OffPremises.NO_RESULT);
            if (!"PASS".equalsIgnoreCase(encryption)) {
                found.add(new OffPremises(device, encryption));
            }
        }
        return found;
    }
}
