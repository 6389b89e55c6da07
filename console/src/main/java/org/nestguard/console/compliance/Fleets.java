package org.nestguard.console.compliance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.DeviceControlStatus;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.LatestResult;
import org.nestguard.console.store.LatestResults;
import org.nestguard.console.store.StatusCount;
import org.nestguard.protocol.policy.Policy;

/**
 * Reads what a setting's devices report, counted or picked out by the store (the dashboard, the device list, the
 * trend, the alerts and the API), so that a page's cost does not grow with every device's every result.
 */
public final class Fleets {
    /** The control whose failure off the premises raises the policy 004 alert. */
    static final String ENCRYPTION = "encryption";

    private final Devices devices;
    private final LatestResults latest;

    public Fleets(Devices devices, LatestResults latest) {
        this.devices = devices;
        this.latest = latest;
    }

    /** The controls each of these devices fails now, by device id (a device failing none is absent). */
    public Map<String, List<String>> failingControls(Collection<String> deviceIds) {
        return latest.failingControls(deviceIds);
    }

    /**
     * Per control reported by any device, how many of the setting's devices pass, fail, are unknown or have it not
     * apply; a device without a result for a control counts as unknown, never as passing.
     */
    public SettingCompliance compliance(String settingId) {
        // two reads without a transaction: a device enrolling between them can only add a result, so unknown is
        // kept from going below zero rather than the reads made to agree
        int enrolled = devices.countInSetting(settingId);
        Map<String, Map<ControlStatus, Integer>> counts = new TreeMap<>();
        for (StatusCount count : latest.statusCounts(settingId)) {
            counts.computeIfAbsent(count.control(), control -> new EnumMap<>(ControlStatus.class))
                    .merge(ControlStatus.of(count.status()), count.devices(), Integer::sum);
        }
        List<ControlCompliance> controls = new ArrayList<>();
        counts.forEach((control, byStatus) -> {
            int counted = byStatus.values().stream().mapToInt(Integer::intValue).sum();
            controls.add(new ControlCompliance(control, byStatus.getOrDefault(ControlStatus.PASSING, 0),
                    byStatus.getOrDefault(ControlStatus.FAILING, 0),
                    byStatus.getOrDefault(ControlStatus.UNKNOWN, 0) + Math.max(0, enrolled - counted),
                    byStatus.getOrDefault(ControlStatus.NOT_APPLICABLE, 0)));
        });
        return new SettingCompliance(settingId, enrolled, controls);
    }

    /**
     * Each failing control with its first {@code shown} failing devices by hostname and how many fail in all
     * ({@code compliance}'s count), by control.
     */
    public List<FailingControl> failing(SettingCompliance compliance, int shown) {
        List<LatestResult> first = latest.firstFailing(compliance.settingId(), shown);
        Map<String, Device> byId = devices.withIds(first.stream().map(LatestResult::deviceId).toList()).stream()
                .collect(Collectors.toMap(Device::id, Function.identity()));
        Map<String, List<FailingCheck>> byControl = new LinkedHashMap<>();
        for (LatestResult result : first) {
            Device device = byId.get(result.deviceId());
            if (device != null) { // removed between the two reads
                byControl.computeIfAbsent(result.control(), control -> new ArrayList<>())
                        .add(new FailingCheck(device, ControlResult.of(result)));
            }
        }
        List<FailingControl> failing = new ArrayList<>();
        for (ControlCompliance control : compliance.controls()) {
            List<FailingCheck> checks = byControl.get(control.control());
            if (control.failing() > 0 && checks != null) {
                failing.add(new FailingControl(control.control(), Math.max(control.failing(), checks.size()),
                        List.copyOf(checks)));
            }
        }
        return failing;
    }

    /**
     * Devices off the premises (as {@link PremisesCheck} tells from the policy) whose latest encryption result is
     * not PASS, no result counting as not PASS, by hostname: the policy 004 alert. Only the devices that do not
     * pass are read, and none when the policy names no premises networks (nothing could be off them).
     */
    public List<OffPremises> unencryptedOffPremises(String settingId, PremisesCheck premises, Policy policyOrNull) {
        if (policyOrNull == null || policyOrNull.premises() == null
                || policyOrNull.premises().networks().isEmpty()) {
            return List.of();
        }
        List<OffPremises> found = new ArrayList<>();
        for (DeviceControlStatus candidate : devices.seenWithoutPass(settingId, ENCRYPTION)) {
            if (Boolean.FALSE.equals(premises.onPremises(candidate.device(), policyOrNull))) {
                found.add(new OffPremises(candidate.device(), candidate.statusOrNull() == null
                        ? OffPremises.NO_RESULT : candidate.statusOrNull()));
            }
        }
        return found;
    }
}
