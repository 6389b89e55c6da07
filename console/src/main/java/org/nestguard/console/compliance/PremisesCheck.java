package org.nestguard.console.compliance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.nestguard.console.store.Device;
import org.nestguard.protocol.policy.Policy;

/**
 * Whether a device is on its setting's premises: any of its reported addresses, its gateway, or the address its
 * last check-in came from inside the policy's {@code premises.networks}. Unknown (null) when the policy lists no
 * networks or the device has not checked in, since neither answer could then be trusted.
 */
public final class PremisesCheck {
    // only address literals are parsed: a host name here would make the console do DNS lookups on device input
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** True on the premises, false off them, null when it cannot be told. */
    public Boolean onPremises(Device device, Policy policyOrNull) {
        if (policyOrNull == null || policyOrNull.premises() == null || policyOrNull.premises().networks().isEmpty()
                || device.lastSeenAt() == null) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        if (device.location() != null) {
            candidates.addAll(device.location().addresses());
            candidates.add(device.location().gatewayAddress());
        }
        candidates.add(device.lastAddress());
        return policyOrNull.premises().containsAny(addresses(candidates));
    }

    private static List<InetAddress> addresses(List<String> texts) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            String bare = text.strip();
            int scope = bare.indexOf('%');
            if (scope >= 0) {
                bare = bare.substring(0, scope);
            }
            int prefix = bare.indexOf('/');
            if (prefix >= 0) {
                bare = bare.substring(0, prefix);
            }
            if (bare.isEmpty() || !LITERAL.matcher(bare).matches()) {
                continue;
            }
            try {
                addresses.add(InetAddress.getByName(bare));
            } catch (UnknownHostException e) {
                // not an address after all: it simply does not count towards being on the premises
            }
        }
        return addresses;
    }
}
