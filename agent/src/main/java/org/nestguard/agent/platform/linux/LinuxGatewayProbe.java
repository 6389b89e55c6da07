package org.nestguard.agent.platform.linux;

import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.Gateway;
import org.nestguard.agent.platform.GatewayProbe;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;

/**
 * The default gateway from {@code /proc/net/route}, its MAC from {@code /proc/net/arp}, and the Wi-Fi network name
 * from {@code iw} (or NetworkManager's {@code nmcli}) when the route's interface is wireless.
 */
public final class LinuxGatewayProbe implements GatewayProbe {
    private final HostRoot root;
    private final CommandRunner runner;
    private final boolean liveSystem;

    public LinuxGatewayProbe(HostRoot root, CommandRunner runner) {
        this(root, runner, root.isLive());
    }

    /** For tests: a file tree whose commands are answered as if it were the running system. */
    LinuxGatewayProbe(HostRoot root, CommandRunner runner, boolean liveSystem) {
        this.root = root;
        this.runner = runner;
        this.liveSystem = liveSystem;
    }

    @Override
    public Gateway current() throws ProbeException {
        Optional<String> routes = root.readIfExists("/proc/net/route");
        if (routes.isEmpty()) {
            throw new ProbeException("/proc/net/route is missing under " + root.root()
                    + ": the network can only be read on a running system");
        }
        Optional<RouteTable.DefaultRoute> route = RouteTable.defaultRoute(routes.get());
        if (route.isEmpty()) {
            return new Gateway(null, null, null, null, "/proc/net/route: no default route (not connected)");
        }
        String gateway = route.get().gateway();
        String iface = route.get().iface();
        String mac = NeighbourTable.macFor(root.readIfExists("/proc/net/arp").orElse(""), gateway).orElse(null);
        StringBuilder source = new StringBuilder("/proc/net/route default via " + gateway + " dev " + iface
                + "; /proc/net/arp " + (mac == null ? "has no complete entry for it yet" : mac));
        String ssid = null;
        if (root.exists("/sys/class/net/" + iface + "/wireless")) {
            ssid = ssid(iface, source);
        }
        return new Gateway(gateway, mac, iface, ssid, source.toString());
    }

    private String ssid(String iface, StringBuilder source) {
        if (!liveSystem) {
            source.append("; ").append(iface).append(" is wireless, but its network name is read only on a live system");
            return null;
        }
        try {
            CommandResult iw = runner.run("iw", "dev", iface, "link");
            Optional<String> name = WirelessLink.ssidFromIw(iw.stdout());
            if (iw.succeeded() && name.isPresent()) {
                source.append("; iw dev ").append(iface).append(" link");
                return name.get();
            }
        } catch (ProbeException notInstalled) {
            // NetworkManager systems often lack iw; try nmcli below.
        }
        try {
            CommandResult nmcli = runner.run(List.of("nmcli", "-t", "-f", "ACTIVE,SSID", "dev", "wifi"),
                    CommandRunner.DEFAULT_TIMEOUT);
            Optional<String> name = WirelessLink.ssidFromNmcli(nmcli.stdout());
            if (nmcli.succeeded() && name.isPresent()) {
                source.append("; nmcli -t -f ACTIVE,SSID dev wifi");
                return name.get();
            }
        } catch (ProbeException notInstalled) {
            source.append("; ").append(iface).append(" is wireless but neither iw nor nmcli could name the network");
            return null;
        }
        source.append("; ").append(iface).append(" is wireless but not associated with a network");
        return null;
    }
}
