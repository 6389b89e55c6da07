package org.nestguard.console.peopleapi;

import java.util.List;
import org.nestguard.console.compliance.ControlResult;
import org.nestguard.protocol.wire.DeviceFacts;
import org.nestguard.protocol.wire.NetworkLocation;

/** One device for people: its summary and facts, its network, on or off the premises (null: cannot tell), results. */
public record DeviceDetail(DeviceSummary device, DeviceFacts facts, NetworkLocation location, Boolean onPremises,
                           List<ControlResult> results) {
}
