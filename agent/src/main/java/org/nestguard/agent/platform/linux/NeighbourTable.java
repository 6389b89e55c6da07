package org.nestguard.agent.platform.linux;

import java.util.Locale;
import java.util.Optional;

/** Parses {@code /proc/net/arp}: which hardware address answers for an IPv4 address. */
final class NeighbourTable {
    private NeighbourTable() {
    }

    /** The complete entry for {@code ip}; an incomplete one (all zeros, flags 0x0) is not an answer. */
    static Optional<String> macFor(String procNetArp, String ip) {
        for (String line : procNetArp.lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].equals(ip) && !f[2].equals("0x0") && !f[3].equals("00:00:00:00:00:00")) {
                return Optional.of(f[3].toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
