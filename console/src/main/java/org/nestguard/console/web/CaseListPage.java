package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.auth.Role;
import org.nestguard.console.store.CasePage;
import org.nestguard.console.store.CaseQuery;
import org.nestguard.console.store.CaseState;
import org.nestguard.console.store.Cases;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.monitoring.AccountKind;

/**
 * {@code GET /cases}: the concerns of the setting the person may see (learner-subject ones for the DSL and
 * deputies, staff-subject ones for the manager and headteacher), open first by default; {@code POST /cases}: opens
 * a concern by hand (one that did not start from a flag).
 */
final class CaseListPage {
    private final Cases cases;
    private final Settings settings;
    private final PageRenderer renderer;

    CaseListPage(Cases cases, Settings settings, PageRenderer renderer) {
        this.cases = cases;
        this.settings = settings;
        this.renderer = renderer;
    }

    void show(Context ctx) {
        render(ctx, RequiredSetting.of(ctx, settings), null, "", "", "");
    }

    void open(Context ctx) {
        ActingSetting acting = RequiredSetting.of(ctx, settings);
        PageInput input = new PageInput(ctx);
        String title = input.form("title");
        String kindText = input.form("kind");
        String account = input.form("account");
        try {
            AccountKind kind = "staff".equals(kindText) ? AccountKind.STAFF
                    : "learner".equals(kindText) ? AccountKind.LEARNER : null;
            String id = cases.open(acting.person(), title, kind, account);
            ctx.redirect(acting.link(WebPages.CASES + "/" + id), HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            render(ctx, acting, e.getMessage(), title, kindText, account);
        }
    }

    private void render(Context ctx, ActingSetting acting, String error, String title, String kind, String account) {
        PageInput input = new PageInput(ctx);
        String state = input.query("state") == null ? "open" : input.query("state");
        CasePage page;
        try {
            page = cases.list(acting.person(), new CaseQuery("all".equals(state) ? null : CaseState.parse(state),
                    null, Cases.DEFAULT_LIMIT, input.query("before")));
        } catch (IllegalArgumentException e) {
            throw new PageRefusal(400, "Check the filter", e.getMessage() + ".");
        }
        List<String> kinds = new ArrayList<>();
        if (acting.person().hasAny(Role.readersOf(AccountKind.LEARNER))) {
            kinds.add("learner");
        }
        if (acting.person().hasAny(Role.readersOf(AccountKind.STAFF))) {
            kinds.add("staff");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", acting);
        model.put("state", state);
        model.put("cases", page.cases());
        model.put("next", page.next() == null ? null : acting.link(WebPages.CASES) + FlagFilters.query(
                Map.of("state", state, "before", page.next())));
        model.put("kinds", kinds);
        model.put("error", error);
        model.put("title", title == null ? "" : title);
        model.put("kind", kind == null ? "" : kind);
        model.put("account", account == null ? "" : account);
        renderer.render(ctx, "cases.jte", model);
    }
}
