package org.nestguard.protocol.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An address range written as CIDR ({@code 10.20.0.0/16}, {@code 2001:db8::/32}). */
public record Cidr(InetAddress network, int prefixLength) {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** Parses without any DNS lookup; the field name goes into the error. */
    public static Cidr parse(String field, String text) {
        String expected = "; expected an address range such as 10.20.0.0/16";
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new PolicyFieldException(field, "'" + text + "' is not a network" + expected);
        }
        String address = text.substring(0, slash);
        if (!LITERAL.matcher(address).matches()) {
            throw new PolicyFieldException(field, "'" + text + "' is not a network" + expected);
        }
        InetAddress network;
        int prefix;
        try {
            network = InetAddress.getByName(address); // a literal: no lookup happens
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new PolicyFieldException(field, "'" + text + "' is not a network" + expected);
        }
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new PolicyFieldException(field, "'" + text + "' has a prefix length outside 0-" + bits + expected);
        }
        // A range this wide takes in home and public networks, so every laptop would count as on the premises.
        int widest = bits == 32 ? 8 : 32;
        if (prefix < widest) {
            throw new PolicyFieldException(field, "'" + text + "' is too wide to mean the setting's premises (prefix "
                    + "shorter than /" + widest + "); list the setting's own networks" + expected);
        }
        return new Cidr(network, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] a = network.getAddress();
        byte[] b = address.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest);
        return (a[full] & mask) == (b[full] & mask);
    }
}
