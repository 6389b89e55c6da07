package org.nestguard.console.store;

import java.time.Instant;

/**
 * A police evidence export: ordered with a police reference for a recipient key; {@code uploadedAt} and the
 * archive's size and SHA-256 once the device has uploaded it.
 */
public record EvidenceExport(String id, String itemId, String deviceId, String settingId, Instant orderedAt,
                             String orderedBy, String policeReference, String recipientFingerprint,
                             String commandId, Instant uploadedAt, Long archiveBytes, String archiveSha256) {
}
