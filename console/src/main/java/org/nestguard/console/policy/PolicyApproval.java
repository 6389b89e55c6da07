package org.nestguard.console.policy;

import java.util.Optional;
import org.nestguard.console.auth.Person;
import org.nestguard.console.store.PolicyProposal;
import org.nestguard.console.store.PolicyProposals;
import org.nestguard.protocol.policy.PolicyException;

/**
 * Approving a proposed policy change: the store marks it approved (refusing the proposer and a proposal made against
 * an older version), then it is published exactly as an import publishes (a new version, {@code update-policy}
 * queued for the setting's devices), and the version it became is recorded. If publishing fails the proposal waits
 * again, so nothing is lost.
 */
public final class PolicyApproval {
    private final PolicyProposals proposals;
    private final PolicyPublisher publisher;

    public PolicyApproval(PolicyProposals proposals, PolicyPublisher publisher) {
        this.proposals = proposals;
        this.publisher = publisher;
    }

    /**
     * Approves and publishes; empty when the setting has no such proposal. IllegalStateException says why an
     * approval is refused; IllegalArgumentException when the stored YAML no longer validates.
     */
    public Optional<PolicyPublisher.Published> approve(Person by, String settingId, String id, String note) {
        Optional<PolicyProposal> approved = proposals.approve(by, settingId, id, note);
        if (approved.isEmpty()) {
            return Optional.empty();
        }
        PolicyProposal proposal = approved.get();
        PolicyPublisher.Published published;
        try {
            published = publisher.publish("proposal " + id, proposal.yaml(), settingId, false,
                    proposal.proposerName(), proposal.reason() + " (proposed by " + proposal.proposerName()
                            + ", approved by " + by.name() + ")");
        } catch (PolicyException e) {
            proposals.approvalFailed(by, id, e.getMessage());
            throw new IllegalArgumentException("The proposed policy no longer validates, so it was not published "
                    + "and still waits: " + e.getMessage() + ". Reject it and propose a corrected policy", e);
        } catch (RuntimeException e) {
            proposals.approvalFailed(by, id, "the store refused the new version");
            throw e;
        }
        proposals.published(id, published.version());
        return Optional.of(published);
    }
}
