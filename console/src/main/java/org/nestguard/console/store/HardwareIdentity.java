package org.nestguard.console.store;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.nestguard.protocol.wire.DeviceFacts;

/**
 * What identifies a physical device across re-imaging: serial number and hardware UUID, else its burned-in MAC
 * addresses. Placeholder values firmware reports ("To be filled by O.E.M.", all-zero UUIDs) count as absent, and
 * randomised (locally administered) MACs are ignored, since they would merge unrelated devices or split one.
 */
public record HardwareIdentity(String serialNumber, String hardwareUuid, List<String> macAddresses) {
    private static final Set<String> PLACEHOLDERS = Set.of("", "0", "none", "null", "n/a", "na", "unknown",
            "default string", "to be filled by o.e.m.", "system serial number", "not specified", "not applicable",
            "0123456789", "123456789", "serial number", "chassis serial number");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern REPEATED = Pattern.compile("^(.)\\1*$");

    public HardwareIdentity {
        macAddresses = List.copyOf(macAddresses);
    }

    /** The identity in the facts a device sent, with placeholders removed. */
    public static HardwareIdentity of(DeviceFacts facts) {
        TreeSet<String> macs = new TreeSet<>();
        for (String mac : facts.macAddresses()) {
            String normal = normalMac(mac);
            if (normal != null) {
                macs.add(normal);
            }
        }
        return new HardwareIdentity(meaningful(facts.serialNumber()), meaningfulUuid(facts.hardwareUuid()),
                List.copyOf(macs));
    }

    /** True when serial number or hardware UUID is known, so MACs are not needed to recognise the device. */
    public boolean hasFirmwareIdentity() {
        return serialNumber != null || hardwareUuid != null;
    }

    private static String meaningful(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        return PLACEHOLDERS.contains(lower) || REPEATED.matcher(lower).matches() ? null : trimmed;
    }

    private static String meaningfulUuid(String value) {
        String uuid = meaningful(value);
        if (uuid == null) {
            return null;
        }
        String lower = uuid.toLowerCase(Locale.ROOT);
        String digits = lower.replace("-", "");
        return REPEATED.matcher(digits).matches() ? null : lower;
    }

    private static String normalMac(String value) {
        if (value == null) {
            return null;
        }
        String mac = value.strip().toLowerCase(Locale.ROOT).replace('-', ':');
        if (!MAC.matcher(mac).matches() || REPEATED.matcher(mac.replace(":", "")).matches()) {
            return null;
        }
        int firstOctet = Integer.parseInt(mac.substring(0, 2), 16);
        // bit 1: locally administered (randomised Wi-Fi MACs, VPNs); bit 0: multicast. Neither names hardware.
        return (firstOctet & 0x03) != 0 ? null : mac;
    }
}
