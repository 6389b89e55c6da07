package org.nestguard.console.reports;

import java.util.List;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.SeenAccount;

/**
 * The record of users granted access to a setting's devices and systems (policy §7.2): the setting's devices,
 * the OS accounts the agent reported on each, and the console accounts with roles in the setting.
 */
public record AccessRecord(List<Device> devices, List<SeenAccount> deviceAccounts, List<ConsoleGrant> grants) {
    /** The clause this record keeps, as every Kent-template policy words it. */
    public static final String CLAUSE = "We will maintain a written record of users who are granted access to our "
            + "devices and systems.";

    public AccessRecord {
        devices = List.copyOf(devices);
        deviceAccounts = List.copyOf(deviceAccounts);
        grants = List.copyOf(grants);
    }

    /** The accounts reported on one device. */
    public List<SeenAccount> accountsOn(String deviceId) {
        return deviceAccounts.stream().filter(account -> account.deviceId().equals(deviceId)).toList();
    }
}
