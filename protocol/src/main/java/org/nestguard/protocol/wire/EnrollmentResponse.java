package org.nestguard.protocol.wire;

/**
 * Console to agent: the device's identity and signed certificate, the CA to trust from now on, and the
 * setting's current policy.
 */
public record EnrollmentResponse(String deviceId, String certificatePem, String caCertificatePem, String settingId,
                                 int policyVersion, String policyYaml) {
}
