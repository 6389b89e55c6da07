package org.nestguard.agent.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.Gateway;
import org.nestguard.agent.platform.ProbeException;
import org.junit.jupiter.api.Test;

/**
 * Fixtures: {@code arp -a} and {@code netsh wlan show interfaces} in their console format (CRLF, English and
 * German labels), written from Microsoft's documented output; route rows in the shape WmiReader returns.
 */
class WindowsGatewayProbeTest {
    private static final WmiReader TWO_DEFAULT_ROUTES = (namespace, wmiClass, properties) -> List.of(
            Map.of("Destination", "10.60.0.0", "Mask", "255.255.0.0", "NextHop", "0.0.0.0", "Metric1", 25L,
                    "InterfaceIndex", 12L),
            Map.of("Destination", "0.0.0.0", "Mask", "0.0.0.0", "NextHop", "192.168.1.1", "Metric1", 50L,
                    "InterfaceIndex", 7L),
            Map.of("Destination", "0.0.0.0", "Mask", "0.0.0.0", "NextHop", "10.60.20.1", "Metric1", 25L,
                    "InterfaceIndex", 12L));

    private static CommandRunner answering(String arp, String netsh) {
        return (command, timeout) -> {
            String line = String.join(" ", command);
            if (line.startsWith("arp -a")) {
                return new CommandResult(command, 0, Fixtures.text(arp), "");
            }
            if (line.equals("netsh wlan show interfaces")) {
                return new CommandResult(command, 0, Fixtures.text(netsh), "");
            }
            throw new ProbeException("no answer for " + line);
        };
    }

    @Test
    void lowestMetricDefaultRouteWithItsMacAndWifiName() throws Exception {
        Gateway gateway = new WindowsGatewayProbe(TWO_DEFAULT_ROUTES,
                answering("arp-a-gateway-en.txt", "netsh-wlan-show-interfaces-en.txt")).current();
        assertEquals("10.60.20.1", gateway.address());
        assertEquals("00:1a:2b:3c:4d:5e", gateway.mac());
        assertEquals("12", gateway.iface());
        assertEquals("Ditton-Staff", gateway.wifiSsid(), "SSID, not BSSID");
    }

    @Test
    void germanConsoleOutputGivesTheSameFacts() throws Exception {
        Gateway gateway = new WindowsGatewayProbe(TWO_DEFAULT_ROUTES,
                answering("arp-a-gateway-de.txt", "netsh-wlan-show-interfaces-de-disconnected.txt")).current();
        assertEquals("00:1a:2b:3c:4d:5e", gateway.mac());
        assertNull(gateway.wifiSsid(), "a disconnected interface has no SSID line");
    }

    @Test
    void noDefaultRouteAndUnreadableWmi() throws Exception {
        WmiReader none = (namespace, wmiClass, properties) -> List.of();
        assertNull(new WindowsGatewayProbe(none, answering("arp-a-gateway-en.txt", "netsh-wlan-show-interfaces-en.txt"))
                .current().address());
        WmiReader denied = (namespace, wmiClass, properties) -> {
            throw new WmiQueryException(WmiQueryException.Failure.ACCESS_DENIED, "0x80041003");
        };
        ProbeException e = assertThrows(ProbeException.class, () -> new WindowsGatewayProbe(denied,
                answering("arp-a-gateway-en.txt", "netsh-wlan-show-interfaces-en.txt")).current());
        assertTrue(e.getMessage().contains("Win32_IP4RouteTable"), e.getMessage());
    }

    @Test
    void broadcastEntriesAreNotAGatewayMac() {
        assertTrue(WindowsNetworkText.macFromArp(Fixtures.text("arp-a-gateway-en.txt"), "10.60.20.255").isEmpty());
    }
}
