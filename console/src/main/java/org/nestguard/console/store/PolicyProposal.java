package org.nestguard.console.store;

import java.time.Instant;

/**
 * A proposed policy for a setting: the YAML, why, who proposed it against which version, and the decision once
 * made (decidedBy, decidedAt and note null while waiting; publishedVersion set by an approval).
 */
public record PolicyProposal(String id, String settingId, int baseVersion, String yaml, String reason,
                             String proposerId, String proposerName, Instant proposedAt, ProposalState state,
                             String decidedById, String decidedByName, Instant decidedAt, String decisionNote,
                             Integer publishedVersion) {
    /** Whether it still waits for a decision. */
    public boolean waiting() {
        return state == ProposalState.WAITING;
    }
}
