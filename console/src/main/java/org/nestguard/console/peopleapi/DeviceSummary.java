package org.nestguard.console.peopleapi;

import java.time.Instant;
import org.nestguard.console.store.Device;

/** A device in a list: who it is, where it belongs, when it enrolled and when and from where it last checked in. */
public record DeviceSummary(String id, String hostname, String settingId, String osName, String osVersion,
                            Instant enrolledAt, Instant lastSeenAt, String lastAddress) {

    static DeviceSummary of(Device device) {
        return new DeviceSummary(device.id(), device.facts().hostname(), device.settingId(), device.facts().osName(),
                device.facts().osVersion(), device.enrolledAt(), device.lastSeenAt(), device.lastAddress());
    }
}
