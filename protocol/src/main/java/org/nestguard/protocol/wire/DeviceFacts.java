package org.nestguard.protocol.wire;

import java.util.List;

/**
 * What a device says about itself when it enrols. The hardware identity (serial number, hardware UUID, MAC
 * addresses) lets the console recognise a re-imaged device instead of counting it twice.
 */
public record DeviceFacts(String hostname, String osFamily, String osName, String osVersion, String manufacturer,
                          String model, String serialNumber, String hardwareUuid, List<String> macAddresses) {
    public DeviceFacts {
        macAddresses = macAddresses == null ? List.of() : List.copyOf(macAddresses);
    }
}
