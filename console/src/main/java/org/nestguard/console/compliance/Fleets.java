package org.nestguard.console.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.Events;
import org.nestguard.console.store.StoredEvent;

/** Reads a setting's {@link Fleet}: its devices in one query, their latest results in another. */
public final class Fleets {
    private final Devices devices;
    private final Events events;

    public Fleets(Devices devices, Events events) {
        this.devices = devices;
        this.events = events;
    }

    /** The setting's devices and their latest results now. */
    public Fleet of(String settingId) {
        Map<String, List<ControlResult>> results = new LinkedHashMap<>();
        for (StoredEvent event : events.latestResultsIn(settingId)) {
            results.computeIfAbsent(event.deviceId(), id -> new ArrayList<>()).add(ControlResult.of(event));
        }
        return new Fleet(settingId, devices.inSetting(settingId), results);
    }
}
