package org.nestguard.console.store;

import java.util.List;

/** One quarantine item with its chain of custody: decisions, the agent's reports, evidence exports. */
public record QuarantineDetail(QuarantineSummary item, List<FileDecision> decisions, List<ItemChange> changes,
                               List<EvidenceExport> exports) {
}
