package org.nestguard.console.evidence;

/** An evidence archive as stored: its size and SHA-256 (hex), recorded with the export. */
public record StoredArchive(long bytes, String sha256) {
}
