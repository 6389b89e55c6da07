package org.nestguard.console.store;

import java.time.Instant;

/** A certificate serial issued to a device; revokedAt is null while it is valid. */
public record DeviceCertificate(String serial, String deviceId, Instant issuedAt, Instant revokedAt) {
    /** True once the certificate has been revoked. */
    public boolean revoked() {
        return revokedAt != null;
    }
}
