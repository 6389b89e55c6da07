package org.nestguard.protocol.policy;

import java.util.List;

/**
 * How a device tells it is on the setting's premises: the networks (IPv4 or IPv6 CIDR) its addresses fall in.
 * Needed where a rule depends on a device leaving the premises.
 */
public record Premises(List<String> networks) {
    public Premises {
        networks = Fields.listOrEmpty(networks);
        for (int i = 0; i < networks.size(); i++) {
            Cidr.parse("networks[" + i + "]", networks.get(i));
        }
    }

    /** Whether any of the given addresses lies in one of the premises networks. */
    public boolean containsAny(List<java.net.InetAddress> addresses) {
        for (String network : networks) {
            Cidr cidr = Cidr.parse("networks", network);
            for (java.net.InetAddress address : addresses) {
                if (cidr.contains(address)) {
                    return true;
                }
            }
        }
        return false;
    }
}
