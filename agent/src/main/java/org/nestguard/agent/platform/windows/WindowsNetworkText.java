package org.nestguard.agent.platform.windows;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code arp -a} and {@code netsh wlan show interfaces}. Both localise their labels, but the values keep
 * one shape: an address followed by a dash-separated MAC, and an "SSID" key (never translated) before a colon.
 */
final class WindowsNetworkText {
    private static final Pattern ARP = Pattern.compile(
            "^\\s*(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s+(([0-9a-fA-F]{2}-){5}[0-9a-fA-F]{2})\\s");
    private static final Pattern SSID = Pattern.compile("^\\s*SSID\\s*:\\s*(.*?)\\s*$");

    private WindowsNetworkText() {
    }

    static Optional<String> macFromArp(String output, String ip) {
        for (String line : output.lines().toList()) {
            Matcher m = ARP.matcher(line + " ");
            if (m.find() && m.group(1).equals(ip) && !m.group(2).equalsIgnoreCase("ff-ff-ff-ff-ff-ff")) {
                return Optional.of(m.group(2).replace('-', ':').toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** "SSID" alone, not "BSSID"; an interface that is not connected prints no SSID line. */
    static Optional<String> ssidFromNetsh(String output) {
        for (String line : output.lines().toList()) {
            Matcher m = SSID.matcher(line);
            if (m.matches() && !m.group(1).isEmpty()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
