package org.nestguard.protocol.wire;

/**
 * Console to agent: the device's identity and signed certificate, the CA to trust from now on, and the
 * setting's current policy.
 *
 * @param evidenceKeyPem the console's evidence public key that quarantine item keys are wrapped for (null from a
 *                       console older than the flagged-files issue)
 */
public record EnrollmentResponse(String deviceId, String certificatePem, String caCertificatePem, String settingId,
                                 int policyVersion, String policyYaml,
                                 String evidenceKeyPem) {
}
