package org.nestguard.console.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.util.IPAddress;

/** The names the console's server certificate answers to: host names and IP addresses, each checked and de-duplicated. */
public record ServerNames(List<String> hostNames, List<String> ipAddresses) {
    private static final Pattern HOST_NAME =
            Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    public ServerNames {
        hostNames = List.copyOf(hostNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** localhost, 127.0.0.1, ::1, this machine's host name when it can be read, and {@code extra}. */
    public static ServerNames forThisMachine(List<String> extra) {
        String hostname;
        try {
            hostname = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            hostname = null; // the loopback names still work; agents elsewhere need an extra name
        }
        return of(hostname, extra);
    }

    /**
     * localhost, 127.0.0.1, ::1, {@code machineHostname} (skipped when null or blank) and {@code extra}; an extra
     * name that is neither a host name nor an IP address is an {@link IllegalArgumentException} naming it.
     */
    public static ServerNames of(String machineHostname, List<String> extra) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost"));
        Set<String> addresses = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        List<String> all = new ArrayList<>();
        if (machineHostname != null && !machineHostname.isBlank()) {
            all.add(machineHostname);
        }
        all.addAll(extra);
        for (String raw : all) {
            String name = raw.strip();
            if (IPAddress.isValid(name)) {
                addresses.add(name);
            } else if (HOST_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches() && name.length() <= 253) {
                hosts.add(name.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("server name '" + raw + "' is neither a host name (letters, "
                        + "digits and hyphens in dot-separated labels, for example console.school.example) nor an "
                        + "IPv4/IPv6 address; correct or remove it");
            }
        }
        return new ServerNames(new ArrayList<>(hosts), new ArrayList<>(addresses));
    }
}
