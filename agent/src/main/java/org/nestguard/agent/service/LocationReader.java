package org.nestguard.agent.service;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Supplier;
import org.nestguard.agent.platform.AddressProbe;
import org.nestguard.agent.platform.Gateway;
import org.nestguard.agent.platform.GatewayProbe;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.protocol.wire.NetworkLocation;

/** Where the device is: the default gateway (address, MAC, Wi-Fi name) and its own interface addresses. */
public final class LocationReader implements Supplier<NetworkLocation> {
    private final GatewayProbe gateway;
    private final AddressProbe addresses;

    public LocationReader(GatewayProbe gateway, AddressProbe addresses) {
        this.gateway = gateway;
        this.addresses = addresses;
    }

    @Override
    public NetworkLocation get() {
        Gateway current = null;
        try {
            current = gateway.current();
        } catch (ProbeException e) {
            // Not knowing the gateway is itself information: the console then relies on the addresses.
        }
        List<String> own;
        try {
            own = addresses.addresses().stream().map(InetAddress::getHostAddress).toList();
        } catch (ProbeException e) {
            own = List.of();
        }
        return current == null ? new NetworkLocation(null, null, null, own)
                : new NetworkLocation(current.address(), current.mac(), current.wifiSsid(), own);
    }
}
