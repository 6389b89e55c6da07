package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nestguard.console.store.CaseQuery;
import org.nestguard.console.store.CaseState;
import org.nestguard.console.store.CaseSummary;
import org.nestguard.console.store.Cases;
import org.nestguard.console.store.FlagChange;
import org.nestguard.console.store.FlagDetail;
import org.nestguard.console.store.FlagState;
import org.nestguard.console.store.Flags;
import org.nestguard.console.store.Settings;

/**
 * {@code GET /flags/{id}}: one flag with its reasons, the visits around it and its history of state changes;
 * {@code POST /flags/{id}/state}: reviewed or false positive, with a reason (required); {@code POST
 * /flags/{id}/escalate}: into a new concern or an open one. A flag the person may not see is a 404, as one that
 * does not exist; the stores audit every read and change.
 */
final class FlagReviewPage {
    private final Flags flags;
    private final Cases cases;
    private final Settings settings;
    private final PageRenderer renderer;

    FlagReviewPage(Flags flags, Cases cases, Settings settings, PageRenderer renderer) {
        this.flags = flags;
        this.cases = cases;
        this.settings = settings;
        this.renderer = renderer;
    }

    void show(Context ctx) {
        ActingSetting acting = RequiredSetting.of(ctx, settings);
        render(ctx, acting, FlagDecisionForm.EMPTY);
    }

    void changeState(Context ctx) {
        ActingSetting acting = RequiredSetting.of(ctx, settings);
        PageInput input = new PageInput(ctx);
        String stateText = input.form("state");
        String reason = input.form("reason");
        FlagDecisionForm form = new FlagDecisionForm(stateText, reason, null, null, null);
        FlagState state;
        try {
            state = FlagState.parse(stateText);
            if (state == FlagState.ESCALATED || state == FlagState.NEW) {
                throw new IllegalArgumentException("escalate with the Escalate form, which links the flag to a "
                        + "concern");
            }
        } catch (IllegalArgumentException e) {
            failed(ctx, acting, 400, e.getMessage(), form);
            return;
        }
        if (reason == null || reason.isBlank()) {
            failed(ctx, acting, 400, state == FlagState.FALSE_POSITIVE
                    ? "A false positive needs a reason: say why this flag is not a concern (for example, which list "
                    + "entry matched wrongly). Nothing was changed."
                    : "Give a reason for marking the flag reviewed. Nothing was changed.", form);
            return;
        }
        try {
            Optional<FlagChange> change = flags.changeState(acting.person(), flagId(ctx), state, reason, null);
            if (change.isEmpty()) {
                throw notFound(ctx);
            }
            ctx.redirect(acting.link(WebPages.FLAGS + "/" + flagId(ctx)), HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            failed(ctx, acting, 400, e.getMessage(), form);
        } catch (IllegalStateException e) {
            failed(ctx, acting, 409, e.getMessage(), form);
        }
    }

    void escalate(Context ctx) {
        ActingSetting acting = RequiredSetting.of(ctx, settings);
        PageInput input = new PageInput(ctx);
        String reason = input.form("reason");
        String target = input.form("case");
        String title = input.form("title");
        FlagDecisionForm form = new FlagDecisionForm(null, null, reason, target, title);
        if (reason == null || reason.isBlank()) {
            failed(ctx, acting, 400, "Give a reason for escalating: why this flag is a concern. Nothing was changed.",
                    form);
            return;
        }
        String existing = target == null || target.isBlank() || "new".equals(target) ? null : target;
        try {
            Optional<String> caseId = cases.escalate(acting.person(), flagId(ctx), reason, existing, title);
            if (caseId.isEmpty()) {
                throw notFound(ctx);
            }
            ctx.redirect(acting.link(WebPages.CASES + "/" + caseId.get()), HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            failed(ctx, acting, 400, e.getMessage(), form);
        } catch (IllegalStateException e) {
            failed(ctx, acting, 409, e.getMessage(), form);
        }
    }

    private void failed(Context ctx, ActingSetting acting, int status, String error, FlagDecisionForm form) {
        ctx.status(status);
        render(ctx, acting, form.withError(error));
    }

    private void render(Context ctx, ActingSetting acting, FlagDecisionForm form) {
        FlagDetail detail = flags.read(acting.person(), flagId(ctx)).orElseThrow(() -> notFound(ctx));
        List<CaseSummary> openCases = detail.flag().state().next().contains(FlagState.ESCALATED)
                ? cases.list(acting.person(), new CaseQuery(CaseState.OPEN, detail.flag().visit().accountKind(),
                Cases.MAX_LIMIT, null)).cases() : List.of();
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", acting);
        model.put("detail", detail);
        model.put("openCases", openCases);
        model.put("form", form);
        renderer.render(ctx, "flag.jte", model);
    }

    private static String flagId(Context ctx) {
        return ctx.pathParam("id");
    }

    private static PageRefusal notFound(Context ctx) {
        return new PageRefusal(404, "No such flag", "There is no flag " + flagId(ctx) + " for you in this setting. "
                + "Open the flag queue and choose one from there.");
    }
}
