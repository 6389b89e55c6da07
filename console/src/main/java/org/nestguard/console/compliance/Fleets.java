package org.nestguard.console.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.LatestResult;
import org.nestguard.console.store.LatestResults;

/** Reads a setting's {@link Fleet}: its devices in one query, their latest results (a projection) in another. */
public final class Fleets {
    private final Devices devices;
    private final LatestResults latest;

    public Fleets(Devices devices, LatestResults latest) {
        this.devices = devices;
        this.latest = latest;
    }

    /** The setting's devices and their latest results now. */
    public Fleet of(String settingId) {
        Map<String, List<ControlResult>> results = new LinkedHashMap<>();
        for (LatestResult result : latest.inSetting(settingId)) {
            results.computeIfAbsent(result.deviceId(), id -> new ArrayList<>()).add(ControlResult.of(result));
        }
        return new Fleet(settingId, devices.inSetting(settingId), results);
    }
}
