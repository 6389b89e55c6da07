package org.nestguard.agent.platform;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads addresses from the JDK's view of the network interfaces; the same on every OS. */
public final class InterfaceAddressProbe implements AddressProbe {
    @Override
    public List<InetAddress> addresses() throws ProbeException {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        addresses.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            throw new ProbeException("could not list network interfaces: " + e.getMessage(), e);
        }
        return addresses;
    }
}
