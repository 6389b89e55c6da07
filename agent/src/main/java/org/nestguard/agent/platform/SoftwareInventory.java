package org.nestguard.agent.platform;

import java.util.List;

/**
 * The applications found, and the places that could not be read (a logged-off user's registry hive, a home
 * folder the agent may not open), so an incomplete inventory is never taken for a complete one.
 */
public record SoftwareInventory(List<InstalledApp> apps, List<String> unreadable) {
    public SoftwareInventory {
        apps = List.copyOf(apps);
        unreadable = List.copyOf(unreadable);
    }

    public static SoftwareInventory complete(List<InstalledApp> apps) {
        return new SoftwareInventory(apps, List.of());
    }
}
