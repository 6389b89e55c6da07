package org.nestguard.agent.enrolment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.nestguard.protocol.wire.DeviceFacts;
import oshi.SystemInfo;
import oshi.hardware.ComputerSystem;
import oshi.hardware.NetworkIF;
import oshi.software.os.OperatingSystem;

/**
 * Reads what a device says about itself at enrolment through OSHI. Serial number and hardware UUID come from
 * the firmware (SMBIOS, IOPlatformExpertDevice); they survive re-imaging, which is how the console recognises a
 * device that enrols again. Values the firmware leaves blank or filled with placeholders are sent as null.
 */
public final class DeviceFactsReader {
    private static final List<String> PLACEHOLDERS = List.of("unknown", "default string", "to be filled by o.e.m.",
            "system serial number", "none", "0", "00000000-0000-0000-0000-000000000000",
            "03000200-0400-0500-0006-000700080009", "not specified", "not applicable");

    /** Reads the running machine. */
    public DeviceFacts read() {
        SystemInfo system = new SystemInfo();
        ComputerSystem computer = system.getHardware().getComputerSystem();
        OperatingSystem os = system.getOperatingSystem();
        List<String> macs = system.getHardware().getNetworkIFs(false).stream()
                .filter(nic -> !nic.isKnownVmMacAddr())
                .map(NetworkIF::getMacaddr)
                .map(mac -> mac.toLowerCase(Locale.ROOT))
                .filter(mac -> !mac.isBlank() && !mac.equals("00:00:00:00:00:00"))
                .distinct().sorted().toList();
        return new DeviceFacts(hostname(), os.getFamily(), os.toString(), os.getVersionInfo().getVersion(),
                real(computer.getManufacturer()), real(computer.getModel()), real(computer.getSerialNumber()),
                real(computer.getHardwareUUID()), macs);
    }

    /** Null for the blanks and placeholder strings firmware vendors leave in unset fields. */
    static String real(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() || PLACEHOLDERS.contains(trimmed.toLowerCase(Locale.ROOT)) ? null : trimmed;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
    }
}
