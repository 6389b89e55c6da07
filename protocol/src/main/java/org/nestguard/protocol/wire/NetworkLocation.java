package org.nestguard.protocol.wire;

import java.util.List;

/** The network a device is on, so the console can tell whether it is on the setting's premises. */
public record NetworkLocation(String gatewayAddress, String gatewayMac, String wifiSsid, List<String> addresses) {
    public NetworkLocation {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
