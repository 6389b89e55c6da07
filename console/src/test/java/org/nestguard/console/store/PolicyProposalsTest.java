package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;

/** Policy proposals on both stores: waiting, the proposer's refusal, the version check, decisions, audit. */
class PolicyProposalsTest extends StoreTestBase {
    static final String SETTING = "ditton-junior";
    final Person tech = new Person("tech-id", "t.tech", Set.of(Role.TECHNICAL), SETTING, Set.of());
    final Person dsl = new Person("dsl-id", "r.dsl", Set.of(Role.DSL), SETTING, Set.of());

    @StoreTest
    void aProposalWaitsUntilSomeoneElseApprovesItAgainstTheVersionItWasMadeFor(StoreKind kind) {
        Database database = open(kind);
        Settings settings = new Settings(database, clock);
        AuditLog audit = new AuditLog(database, clock);
        PolicyProposals proposals = new PolicyProposals(database, clock, audit);
        settings.add(SETTING, "Ditton CE Junior School");
        settings.storePolicy(SETTING, "a: 1\n", "import", "first");

        PolicyProposal proposal = proposals.propose(tech, SETTING, 1, "a: 2\n", "two is better");
        assertEquals(ProposalState.WAITING, proposal.state());
        assertEquals(1, proposal.baseVersion());
        assertEquals(proposal, proposals.list(SETTING, 10).get(0));

        IllegalStateException own = assertThrows(IllegalStateException.class, () -> proposals.approve(tech, SETTING,
                proposal.id(), null));
        assertTrue(own.getMessage().contains("cannot approve it"), own.getMessage());
        assertTrue(proposals.approve(dsl, "another-setting", proposal.id(), null).isEmpty(), "only in its setting");

        PolicyProposal approved = proposals.approve(dsl, SETTING, proposal.id(), "agreed").orElseThrow();
        assertEquals(ProposalState.APPROVED, approved.state());
        assertEquals("r.dsl", approved.decidedByName());
        assertEquals("agreed", approved.decisionNote());
        settings.storePolicy(SETTING, "a: 2\n", "t.tech", "two is better");
        proposals.published(proposal.id(), 2);
        assertEquals(proposal.id(), proposals.approvalsByVersion(SETTING).get(2).id());
        assertThrows(IllegalStateException.class, () -> proposals.approve(dsl, SETTING, proposal.id(), null),
                "decided once");

        PolicyProposal stale = proposals.propose(tech, SETTING, 1, "a: 3\n", "three");
        IllegalStateException moved = assertThrows(IllegalStateException.class, () -> proposals.approve(dsl,
                SETTING, stale.id(), null));
        assertTrue(moved.getMessage().contains("made against policy version 1, but the setting's policy is now "
                + "version 2") && moved.getMessage().contains("propose the change again against version 2"),
                moved.getMessage());
        assertThrows(IllegalArgumentException.class, () -> proposals.reject(dsl, SETTING, stale.id(), " "));
        assertEquals(ProposalState.REJECTED, proposals.reject(dsl, SETTING, stale.id(), "overtaken").orElseThrow()
                .state());

        PolicyProposal failing = proposals.propose(tech, SETTING, settings.find(SETTING).orElseThrow()
                .policyVersion(), "a: 4\n", "four");
        proposals.approve(dsl, SETTING, failing.id(), null).orElseThrow();
        proposals.approvalFailed(dsl, failing.id(), "test");
        assertEquals(ProposalState.WAITING, proposals.find(failing.id()).orElseThrow().state(), "nothing is lost");

        String actions = String.join(",", audit.read(new Person("a", "admin", Set.of(Role.ADMIN), SETTING,
                Set.of()), null, null, 100, null).entries().stream().map(AuditEntry::action).toList());
        assertTrue(actions.contains("policy.propose") && actions.contains("policy.approve")
                && actions.contains("policy.reject"), actions);
    }
}
