package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.nestguard.agent.platform.Gateway;
import org.nestguard.agent.platform.ProbeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixtures: proc-net-route-debian12-vm and proc-net-arp-debian12-vm are real captures from this Debian 12 VM;
 * the Wi-Fi laptop tables follow the same kernel format (tab-separated, little-endian hex addresses); iw and nmcli
 * outputs follow iw 5.x and nmcli 1.4x terse mode.
 */
class LinuxGatewayProbeTest {
    @TempDir
    Path dir;

    @Test
    void thisVmsDefaultGatewayAndItsMac() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/net/route", "proc-net-route-debian12-vm.txt")
                .fixture("/proc/net/arp", "proc-net-arp-debian12-vm.txt");
        Gateway gateway = new LinuxGatewayProbe(tree.root(), new FixtureCommandRunner()).current();
        assertEquals("192.0.2.1", gateway.address());
        assertEquals("02:fc:00:00:00:05", gateway.mac());
        assertEquals("eth0", gateway.iface());
        assertNull(gateway.wifiSsid());
    }

    @Test
    void theLowestMetricDefaultRouteWinsAndAnIncompleteNeighbourIsNoMac() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/net/route", "proc-net-route-wifi-and-ethernet.txt")
                .fixture("/proc/net/arp", "proc-net-arp-wifi.txt");
        Gateway gateway = new LinuxGatewayProbe(tree.root(), new FixtureCommandRunner()).current();
        assertEquals("10.60.20.1", gateway.address());
        assertEquals("enp0s31f6", gateway.iface());
        assertNull(gateway.mac(), "the arp entry is incomplete");
        assertTrue(gateway.source().contains("no complete entry"), gateway.source());
    }

    @Test
    void wirelessInterfaceNamesItsNetworkOnALiveSystem() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/net/route", "proc-net-route-wifi.txt")
                .fixture("/proc/net/arp", "proc-net-arp-wifi.txt").dir("/sys/class/net/wlp2s0/wireless");
        FixtureCommandRunner iw = new FixtureCommandRunner().answer("iw dev wlp2s0 link",
                HostTree.fixture("iw-dev-link-connected.txt"));
        Gateway gateway = new LinuxGatewayProbe(tree.root(), iw, true).current();
        assertEquals("192.168.1.1", gateway.address());
        assertEquals("a4:2b:b0:11:22:33", gateway.mac());
        assertEquals("Acorns-Staff", gateway.wifiSsid());
    }

    @Test
    void withoutIwNetworkManagerNamesTheNetwork() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/net/route", "proc-net-route-wifi.txt")
                .fixture("/proc/net/arp", "proc-net-arp-wifi.txt").dir("/sys/class/net/wlp2s0/wireless");
        FixtureCommandRunner nmcli = new FixtureCommandRunner().answer("nmcli -t -f ACTIVE,SSID dev wifi",
                HostTree.fixture("nmcli-t-active-ssid.txt"));
        assertEquals("School:Staff", new LinuxGatewayProbe(tree.root(), nmcli, true).current()
                .wifiSsid());
    }

    @Test
    void notConnectedWifiHasNoName() {
        assertTrue(WirelessLink.ssidFromIw(HostTree.fixture("iw-dev-link-not-connected.txt")).isEmpty());
    }

    @Test
    void noDefaultRouteIsReportedAsNotConnected() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/net/route", "proc-net-route-no-default.txt");
        Gateway gateway = new LinuxGatewayProbe(tree.root(), new FixtureCommandRunner()).current();
        assertNull(gateway.address());
        assertTrue(gateway.source().contains("no default route"));
    }

    @Test
    void aDiskImageWithoutProcSaysSo() {
        ProbeException e = assertThrows(ProbeException.class,
                () -> new LinuxGatewayProbe(new HostTree(dir).root(), new FixtureCommandRunner()).current());
        assertTrue(e.getMessage().contains("running system"), e.getMessage());
    }
}
