package org.nestguard.protocol.wire;

/** Agent to console, once: the enrolment token, a PEM certificate signing request for the device's own key. */
public record EnrollmentRequest(String token, String csrPem, DeviceFacts facts) {
}
