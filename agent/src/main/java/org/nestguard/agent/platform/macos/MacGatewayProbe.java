package org.nestguard.agent.platform.macos;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.Gateway;
import org.nestguard.agent.platform.GatewayProbe;
import org.nestguard.agent.platform.ProbeException;

/**
 * The default gateway from {@code route -n get default}, its MAC from {@code arp -n}, and the Wi-Fi network name
 * from {@code ipconfig getsummary} (networksetup's answer is unreliable since macOS 14.4).
 */
public final class MacGatewayProbe implements GatewayProbe {
    private static final Pattern ARP = Pattern.compile("\\((\\d+\\.\\d+\\.\\d+\\.\\d+)\\) at ([0-9a-fA-F:]+) on ");
    private final CommandRunner runner;

    public MacGatewayProbe(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public Gateway current() throws ProbeException {
        CommandResult route = runner.run("route", "-n", "get", "default");
        if (!route.succeeded()) {
            // "route: writing to routing socket: not in table" when there is no default route.
            return new Gateway(null, null, null, null, "route -n get default: " + ToolOutput.of(route).firstLine());
        }
        String gateway = field(route.stdout(), "gateway").orElse(null);
        String iface = field(route.stdout(), "interface").orElse(null);
        StringBuilder source = new StringBuilder("route -n get default: gateway " + gateway + " interface " + iface);
        String mac = null;
        if (gateway != null) {
            CommandResult arp = runner.run("arp", "-n", gateway);
            mac = macFromArp(arp.stdout(), gateway).orElse(null);
            source.append("; arp -n ").append(mac == null ? "has no entry for it" : mac);
        }
        String ssid = null;
        if (iface != null) {
            CommandResult summary = runner.run("ipconfig", "getsummary", iface);
            ssid = summary.succeeded() ? field(summary.stdout(), "SSID").orElse(null) : null;
            if (ssid != null && ssid.equals("<redacted>")) {
                source.append("; ipconfig hides the network name (Location Services)");
                ssid = null;
            } else {
                source.append(ssid == null ? "; " + iface + " is not on Wi-Fi" : "; ipconfig getsummary " + iface);
            }
        }
        return new Gateway(gateway, mac, iface, ssid, source.toString());
    }

    /** "  key: value" (route) or "  key : value" (ipconfig), first match. */
    static Optional<String> field(String output, String key) {
        for (String line : output.lines().toList()) {
            String stripped = line.strip();
            if (stripped.startsWith(key + ":") || stripped.startsWith(key + " :")) {
                String value = stripped.substring(stripped.indexOf(':') + 1).strip();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** arp prints octets without leading zeros ("0:11:22:3:44:55"); the console compares normalised MACs. */
    static Optional<String> macFromArp(String output, String ip) {
        Matcher m = ARP.matcher(output);
        while (m.find()) {
            if (m.group(1).equals(ip) && !m.group(2).equals("(incomplete)")) {
                String[] octets = m.group(2).split(":");
                if (octets.length != 6) {
                    continue;
                }
                StringBuilder mac = new StringBuilder();
                for (String octet : octets) {
                    mac.append(mac.length() == 0 ? "" : ":").append(octet.length() == 1 ? "0" + octet : octet);
                }
                return Optional.of(mac.toString().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
