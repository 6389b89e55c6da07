package org.nestguard.agent.platform.linux;

import java.util.Optional;

/** Parses the Wi-Fi network name from {@code iw dev IFACE link} and {@code nmcli -t -f ACTIVE,SSID dev wifi}. */
final class WirelessLink {
    private WirelessLink() {
    }

    /** {@code iw} prints "Not connected." or "Connected to MAC (on IFACE)" followed by a tab-indented "SSID: name". */
    static Optional<String> ssidFromIw(String output) {
        return output.lines().map(String::strip).filter(l -> l.startsWith("SSID: ")).map(l -> l.substring(6))
                .filter(s -> !s.isEmpty()).findFirst();
    }

    /** nmcli's terse form escapes ':' inside values as "\:"; the active network's line starts "yes:". */
    static Optional<String> ssidFromNmcli(String output) {
        return output.lines().filter(l -> l.startsWith("yes:")).map(l -> l.substring(4).replace("\\:", ":")
                .replace("\\\\", "\\")).filter(s -> !s.isEmpty()).findFirst();
    }
}
