package org.nestguard.console.web.policies;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.store.PolicyProposal;
import org.nestguard.console.store.PolicyProposals;
import org.nestguard.console.store.PolicyVersion;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.PageAccess;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.ShownTime;
import org.nestguard.console.web.SignedIn;

/**
 * {@code GET /policies}: the setting's current policy (read-only YAML), its version history with who approved
 * each version, and the proposals waiting for a decision (and those decided lately).
 */
public final class PoliciesPage implements Handler {
    static final int PROPOSALS_SHOWN = 50;

    private final Settings settings;
    private final PolicyProposals proposals;
    private final PageRenderer renderer;

    public PoliciesPage(Settings settings, PolicyProposals proposals, PageRenderer renderer) {
        this.settings = settings;
        this.proposals = proposals;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        ActingSetting acting = PolicyAccess.acting(ctx, settings, PageAccess.POLICY_READ, "Reading the policy");
        String id = acting.id();
        PolicyVersion current = settings.currentPolicy(id).orElse(null);
        Map<Integer, PolicyProposal> approvals = proposals.approvalsByVersion(id);
        List<VersionRow> versions = settings.history(id).stream().map(version -> {
            PolicyProposal approval = approvals.get(version.version());
            String approvedBy = approval == null ? "not through approval: imported by the console's operator"
                    : approval.decidedByName() + ", " + ShownTime.of(approval.decidedAt());
            return new VersionRow(version.version(), version.author(), ShownTime.of(version.createdAt()),
                    version.reason(), approvedBy, current != null && current.version() == version.version());
        }).toList();
        List<PolicyProposal> all = proposals.list(id, PROPOSALS_SHOWN);
        Map<String, Object> page = new HashMap<>();
        page.put("navigation", SignedIn.of(ctx).navigation(ctx));
        page.put("acting", acting);
        page.put("current", current);
        page.put("versions", versions);
        page.put("waiting", all.stream().filter(PolicyProposal::waiting).toList());
        page.put("decided", all.stream().filter(proposal -> !proposal.waiting()).toList());
        page.put("canPropose", acting.person().hasAny(PageAccess.POLICY_PROPOSE.roles()));
        renderer.render(ctx, "policies/index.jte", page);
    }
}
