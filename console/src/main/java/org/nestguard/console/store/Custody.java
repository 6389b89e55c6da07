package org.nestguard.console.store;

import java.util.List;

/**
 * An item's chain of custody for the police: its metadata, every decision, every report from the device, every
 * export, and every audit-log entry about it (who read or decided what, when), in the order they happened.
 */
public record Custody(QuarantineSummary item, List<FileDecision> decisions, List<ItemChange> changes,
                      List<EvidenceExport> exports, List<AuditEntry> audit) {
}
