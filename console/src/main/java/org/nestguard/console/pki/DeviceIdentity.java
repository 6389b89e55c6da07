package org.nestguard.console.pki;

/** Who is calling: the device id from a verified client certificate and that certificate's serial (lower-case hex). */
public record DeviceIdentity(String deviceId, String serial) {
}
