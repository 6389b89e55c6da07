package org.nestguard.console.web;

import org.nestguard.console.store.Device;

/** How the pages name a device in a list: its hostname, or its id when it reported none. */
public final class DeviceLabel {
    private DeviceLabel() {
    }

    public static String of(Device device) {
        String hostname = device.facts() == null ? null : device.facts().hostname();
        return hostname == null || hostname.isBlank() ? device.id() : hostname;
    }
}
