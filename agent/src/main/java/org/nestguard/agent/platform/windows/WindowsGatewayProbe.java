package org.nestguard.agent.platform.windows;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.Gateway;
import org.nestguard.agent.platform.GatewayProbe;
import org.nestguard.agent.platform.ProbeException;

/**
 * The default gateway from WMI {@code Win32_IP4RouteTable}, its MAC from {@code arp -a}, and the Wi-Fi network
 * name from {@code netsh wlan show interfaces}.
 */
public final class WindowsGatewayProbe implements GatewayProbe {
    private static final String CIMV2 = "root\\CIMV2";
    private final WmiReader wmi;
    private final CommandRunner runner;

    public WindowsGatewayProbe(WmiReader wmi, CommandRunner runner) {
        this.wmi = wmi;
        this.runner = runner;
    }

    @Override
    public Gateway current() throws ProbeException {
        List<Map<String, Object>> rows;
        try {
            rows = wmi.query(CIMV2, "Win32_IP4RouteTable", List.of("Destination", "Mask", "NextHop", "Metric1",
                    "InterfaceIndex"));
        } catch (WmiQueryException e) {
            throw new ProbeException("could not read the routing table from WMI Win32_IP4RouteTable: " + e.getMessage(), e);
        }
        Optional<Map<String, Object>> route = rows.stream()
                .filter(r -> "0.0.0.0".equals(r.get("Destination")) && "0.0.0.0".equals(r.get("Mask")))
                .filter(r -> r.get("NextHop") != null && !"0.0.0.0".equals(r.get("NextHop")))
                .min(Comparator.comparingLong(r -> r.get("Metric1") instanceof Long l ? l : Long.MAX_VALUE));
        if (route.isEmpty()) {
            return new Gateway(null, null, null, null, "WMI Win32_IP4RouteTable: no default route (not connected)");
        }
        String gateway = route.get().get("NextHop").toString();
        String iface = String.valueOf(route.get().get("InterfaceIndex"));
        String mac = null;
        StringBuilder source = new StringBuilder("WMI Win32_IP4RouteTable default via " + gateway
                + " (interface index " + iface + ")");
        try {
            CommandResult arp = runner.run("arp", "-a", gateway);
            mac = WindowsNetworkText.macFromArp(arp.stdout(), gateway).orElse(null);
            source.append("; arp -a ").append(mac == null ? "has no entry for it" : mac);
        } catch (ProbeException e) {
            source.append("; arp could not run: ").append(e.getMessage());
        }
        String ssid = null;
        try {
            CommandResult wlan = runner.run("netsh", "wlan", "show", "interfaces");
            ssid = wlan.succeeded() ? WindowsNetworkText.ssidFromNetsh(wlan.stdout()).orElse(null) : null;
            source.append(ssid == null ? "; no connected Wi-Fi interface" : "; netsh wlan show interfaces");
        } catch (ProbeException e) {
            source.append("; netsh could not run: ").append(e.getMessage());
        }
        return new Gateway(gateway, mac, iface, ssid, source.toString());
    }
}
