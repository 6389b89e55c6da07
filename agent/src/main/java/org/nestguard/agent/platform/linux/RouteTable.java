package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Parses {@code /proc/net/route}: the kernel's IPv4 routing table, addresses in little-endian hex. */
final class RouteTable {
    private RouteTable() {
    }

    /** A default route: everything (destination and mask 0) goes to this gateway through this interface. */
    record DefaultRoute(String iface, String gateway, int metric) {
    }

    /** The default route with the lowest metric, the one the kernel uses. */
    static Optional<DefaultRoute> defaultRoute(String procNetRoute) {
        List<DefaultRoute> routes = new ArrayList<>();
        for (String line : procNetRoute.lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[1].equals("00000000") || !f[7].equals("00000000")) {
                continue;
            }
            int flags = Integer.parseInt(f[3], 16);
            if ((flags & 0x1) == 0) {
                continue; // RTF_UP clear: the route is down
            }
            routes.add(new DefaultRoute(f[0], littleEndianIpv4(f[2]), Integer.parseInt(f[6])));
        }
        return routes.stream().min(Comparator.comparingInt(DefaultRoute::metric));
    }

    static String littleEndianIpv4(String hex) {
        long value = Long.parseLong(hex, 16);
        return (value & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 24) & 0xFF);
    }
}
