package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nestguard.agent.platform.Gateway;
import org.junit.jupiter.api.Test;

/**
 * Fixtures follow macOS 14's {@code route -n get default}, {@code arp -n} (octets without leading zeros) and
 * {@code ipconfig getsummary} (a key : value dictionary dump) output.
 */
class MacGatewayProbeTest {
    private static FakeCommandRunner wifiMac() {
        return new FakeCommandRunner()
                .stdout("route -n get default", "route-n-get-default.txt")
                .stdout("arp -n 192.168.1.1", "arp-n-gateway.txt")
                .stdout("ipconfig getsummary en0", "ipconfig-getsummary-en0-wifi.txt");
    }

    @Test
    void gatewayMacNormalisedAndWifiName() throws Exception {
        Gateway gateway = new MacGatewayProbe(wifiMac()).current();
        assertEquals("192.168.1.1", gateway.address());
        assertEquals("a4:2b:b0:01:02:33", gateway.mac());
        assertEquals("en0", gateway.iface());
        assertEquals("Flagg-Staff", gateway.wifiSsid());
    }

    @Test
    void noDefaultRouteIsNotConnected() throws Exception {
        FakeCommandRunner none = new FakeCommandRunner().answer("route -n get default", 1, "",
                FakeCommandRunner.fixture("route-n-get-default-none.txt"));
        Gateway gateway = new MacGatewayProbe(none).current();
        assertNull(gateway.address());
        assertTrue(gateway.source().contains("not in table"), gateway.source());
    }

    @Test
    void aRedactedNetworkNameIsNotReportedAsAName() throws Exception {
        FakeCommandRunner redacted = wifiMac().answer("ipconfig getsummary en0", 0,
                FakeCommandRunner.fixture("ipconfig-getsummary-en0-wifi.txt").replace("Flagg-Staff", "<redacted>"), "");
        Gateway gateway = new MacGatewayProbe(redacted).current();
        assertNull(gateway.wifiSsid());
        assertTrue(gateway.source().contains("Location Services"), gateway.source());
    }
}
