package org.nestguard.console.evidence;

import java.nio.file.Path;

/**
 * An evidence archive opened for the police: the file written, its SHA-256 (equal to the manifest's), and the
 * manifest and custody as the archive holds them (custody null when the archive has none).
 */
public record OpenedEvidence(Path file, String sha256, String manifestJson, String custodyJson) {
}
