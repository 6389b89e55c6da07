package org.nestguard.agent.platform;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads addresses from the JDK's view of the network interfaces; the same on every OS. Tunnels (VPNs) and
 * virtual bridges are left out: a laptop at home on the school's VPN is not on the premises, and a container
 * bridge's range says nothing about where the device is.
 */
public final class InterfaceAddressProbe implements AddressProbe {
    private static final java.util.List<String> VIRTUAL_PREFIXES = java.util.List.of("docker", "br-", "veth", "virbr",
            "vmnet", "vboxnet", "tun", "tap", "wg", "tailscale", "zt", "utun", "ppp", "lxc", "lxd", "cni", "flannel");
    @Override
    public List<InetAddress> addresses() throws ProbeException {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual() || nic.isPointToPoint() || isVirtual(nic)) {
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

    private static boolean isVirtual(NetworkInterface nic) {
        String name = nic.getName().toLowerCase(java.util.Locale.ROOT);
        String display = nic.getDisplayName() == null ? "" : nic.getDisplayName().toLowerCase(java.util.Locale.ROOT);
        return VIRTUAL_PREFIXES.stream().anyMatch(name::startsWith)
                || display.contains("vpn") || display.contains("virtual") || display.contains("hyper-v");
    }
}
