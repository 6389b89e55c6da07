package org.nestguard.console.store;

/** An uploaded evidence export and the item's chain of custody as of the download (which it includes). */
public record EvidenceDownload(EvidenceExport export, Custody custody) {
}
