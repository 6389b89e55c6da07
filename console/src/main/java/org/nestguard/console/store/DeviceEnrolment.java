package org.nestguard.console.store;

/** The result of enrolling: the device id, which enrolment of it this is, and whether it was recognised. */
public record DeviceEnrolment(String deviceId, int enrolment, boolean recognised) {
}
