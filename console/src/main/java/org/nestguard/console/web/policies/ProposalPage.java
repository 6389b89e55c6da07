package org.nestguard.console.web.policies;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import org.nestguard.console.policy.LineDiff;
import org.nestguard.console.policy.PolicyApproval;
import org.nestguard.console.policy.PolicyPublisher;
import org.nestguard.console.store.PolicyProposal;
import org.nestguard.console.store.PolicyProposals;
import org.nestguard.console.store.PolicyVersion;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.PageAccess;
import org.nestguard.console.web.PageRefusal;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.SignedIn;
import org.nestguard.console.web.FormOutcome;

/**
 * {@code /policies/proposals/{id}}: a proposal's reason and its line diff against the version it was made against;
 * for a DSL or leadership account of the setting, approving it (which publishes it to the devices) or rejecting
 * it with a note. The proposer may not approve their own proposal, and a proposal overtaken by a newer version is
 * refused at approval.
 */
public final class ProposalPage {
    static final String APPROVE = "approve";
    static final String REJECT = "reject";
    /** Unchanged lines shown either side of a change. */
    static final int CONTEXT = 3;

    private final Settings settings;
    private final PolicyProposals proposals;
    private final PolicyApproval approval;
    private final PageRenderer renderer;

    public ProposalPage(Settings settings, PolicyProposals proposals, PolicyApproval approval,
                        PageRenderer renderer) {
        this.settings = settings;
        this.proposals = proposals;
        this.approval = approval;
        this.renderer = renderer;
    }

    /** {@code GET}: the proposal, its diff and, for an approver, the decision forms. */
    public void show(Context ctx) {
        ActingSetting acting = PolicyAccess.acting(ctx, settings, PageAccess.POLICY_READ, "Reading the policy");
        render(ctx, acting, FormOutcome.NONE);
    }

    /** {@code POST /approve}: an optional note; publishes the proposal. */
    public void approve(Context ctx) {
        ActingSetting acting = PolicyAccess.acting(ctx, settings, PageAccess.POLICY_APPROVE, "Approving a change");
        String note = ctx.formParam("note");
        PolicyPublisher.Published published;
        try {
            published = approval.approve(acting.person(), acting.id(), id(ctx), note).orElseThrow(() ->
                    unknown(ctx, acting));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(e instanceof IllegalArgumentException ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT);
            render(ctx, acting, new FormOutcome(APPROVE, e.getMessage(), note == null ? Map.of()
                    : Map.of("note", note)));
            return;
        }
        ctx.redirect(acting.link("/policies/proposals/" + id(ctx)) + "&done=approved&devices="
                + published.devicesQueued(), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /reject}: a note saying why (required). */
    public void reject(Context ctx) {
        ActingSetting acting = PolicyAccess.acting(ctx, settings, PageAccess.POLICY_APPROVE, "Rejecting a change");
        String note = ctx.formParam("note");
        try {
            proposals.reject(acting.person(), acting.id(), id(ctx), note).orElseThrow(() -> unknown(ctx, acting));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(e instanceof IllegalArgumentException ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT);
            render(ctx, acting, new FormOutcome(REJECT, e.getMessage(), note == null ? Map.of()
                    : Map.of("note", note)));
            return;
        }
        ctx.redirect(acting.link("/policies/proposals/" + id(ctx)) + "&done=rejected", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, ActingSetting acting, FormOutcome outcome) {
        PolicyProposal proposal = proposals.find(id(ctx)).filter(p -> p.settingId().equals(acting.id()))
                .orElseThrow(() -> unknown(ctx, acting));
        String baseYaml = settings.history(acting.id()).stream().filter(v -> v.version() == proposal.baseVersion())
                .map(PolicyVersion::yaml).findFirst().orElse("");
        int current = settings.find(acting.id()).map(s -> s.policyVersion()).orElse(0);
        Map<String, Object> page = new HashMap<>();
        page.put("navigation", SignedIn.of(ctx).navigation(ctx));
        page.put("acting", acting);
        page.put("proposal", proposal);
        page.put("diff", LineDiff.around(LineDiff.between(baseYaml, proposal.yaml()), CONTEXT));
        page.put("currentVersion", current);
        page.put("canDecide", proposal.waiting() && acting.person().hasAny(PageAccess.POLICY_APPROVE.roles()));
        page.put("ownProposal", proposal.proposerId().equals(acting.person().id()));
        page.put("outcome", outcome);
        page.put("done", done(ctx, proposal));
        renderer.render(ctx, "policies/proposal.jte", page);
    }

    private static String done(Context ctx, PolicyProposal proposal) {
        String done = ctx.queryParam("done");
        if ("approved".equals(done) && proposal.publishedVersion() != null) {
            String devices = ctx.queryParam("devices");
            return "Approved: the policy is now version " + proposal.publishedVersion() + ", sent to the "
                    + "setting's devices" + (devices != null && devices.matches("\\d{1,9}") ? " (" + devices + ")"
                    : "") + " at their next check-in.";
        }
        return "rejected".equals(done) ? "Rejected: the proposer sees your note." : null;
    }

    private static PageRefusal unknown(Context ctx, ActingSetting acting) {
        return new PageRefusal(404, "No such proposal", "There is no policy proposal '" + id(ctx) + "' in "
                + acting.setting().name() + "; open it from the policies page.");
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }
}
