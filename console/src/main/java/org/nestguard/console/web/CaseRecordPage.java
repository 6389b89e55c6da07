package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nestguard.console.store.CaseDetail;
import org.nestguard.console.store.CaseEntry;
import org.nestguard.console.store.CaseEntryDraft;
import org.nestguard.console.store.CaseEntryKind;
import org.nestguard.console.store.CaseItem;
import org.nestguard.console.store.CaseSummary;
import org.nestguard.console.store.Cases;
import org.nestguard.console.store.Settings;

/**
 * {@code GET /cases/{id}}: one concern with its flags, quarantine items and dated record; {@code POST
 * /cases/{id}/entries} adds to the record (never edits it), {@code POST /cases/{id}/items} links a quarantine
 * item, {@code POST /cases/{id}/close} closes it once lessons learnt are recorded. A concern the person may not see
 * is a 404, as one that does not exist; the store audits every read and change.
 */
final class CaseRecordPage {
    private final Cases cases;
    private final Settings settings;
    private final PageRenderer renderer;
    private final Clock clock;

    CaseRecordPage(Cases cases, Settings settings, PageRenderer renderer, Clock clock) {
        this.clock = clock;
        this.cases = cases;
        this.settings = settings;
        this.renderer = renderer;
    }

    void show(Context ctx) {
        render(ctx, RequiredSetting.of(ctx, settings), CaseEntryForm.EMPTY, null, "");
    }

    void addEntry(Context ctx) {
        ActingSetting acting = RequiredSetting.of(ctx, settings);
        PageInput input = new PageInput(ctx);
        CaseEntryForm form = new CaseEntryForm(input.form("kind"), input.form("date"), input.form("time"),
                input.form("party"), input.form("detail"), input.form("reference"), input.form("corrects"));
        try {
            Instant occurred = input.formDateTime("date", "time");
            CaseEntryKind kind = form.kind() == null || form.kind().isBlank() ? null : CaseEntryKind.parse(form.kind());
            Optional<CaseEntry> entry = cases.addEntry(acting.person(), caseId(ctx), new CaseEntryDraft(kind,
                    occurred, form.party(), form.detail(), form.reference(), form.corrects()));
            if (entry.isEmpty()) {
                throw notFound(ctx);
            }
            ctx.redirect(acting.link(WebPages.CASES + "/" + caseId(ctx)) + "#entry-" + entry.get().number(),
                    HttpStatus.SEE_OTHER);
        } catch (PageRefusal refusal) {
            if (refusal.status() != 400) {
                throw refusal;
            }
            failed(ctx, acting, 400, refusal.getMessage(), form, "");
        } catch (IllegalArgumentException e) {
            failed(ctx, acting, 400, capitalised(e.getMessage()) + ". Nothing was added.", form, "");
        }
    }

    void linkItem(Context ctx) {
        ActingSetting acting = RequiredSetting.of(ctx, settings);
        String item = new PageInput(ctx).form("item");
        try {
            Optional<CaseItem> linked = cases.linkItem(acting.person(), caseId(ctx), item);
            if (linked.isEmpty()) {
                throw notFound(ctx);
            }
            ctx.redirect(acting.link(WebPages.CASES + "/" + caseId(ctx)), HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            failed(ctx, acting, 400, capitalised(e.getMessage()) + ".", CaseEntryForm.EMPTY, item);
        }
    }

    void close(Context ctx) {
        ActingSetting acting = RequiredSetting.of(ctx, settings);
        try {
            Optional<CaseSummary> closed = cases.close(acting.person(), caseId(ctx));
            if (closed.isEmpty()) {
                throw notFound(ctx);
            }
            ctx.redirect(acting.link(WebPages.CASES + "/" + caseId(ctx)), HttpStatus.SEE_OTHER);
        } catch (IllegalStateException e) {
            failed(ctx, acting, 409, e.getMessage(), CaseEntryForm.EMPTY, "");
        }
    }

    private void failed(Context ctx, ActingSetting acting, int status, String error, CaseEntryForm form, String item) {
        ctx.status(status);
        render(ctx, acting, form, error, item);
    }

    private void render(Context ctx, ActingSetting acting, CaseEntryForm form, String error, String item) {
        CaseDetail detail = cases.read(acting.person(), caseId(ctx)).orElseThrow(() -> notFound(ctx));
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", acting);
        model.put("detail", detail);
        model.put("form", form);
        model.put("error", error);
        model.put("item", item == null ? "" : item);
        model.put("kinds", CaseEntryKind.values());
        model.put("today", ShownTime.date(clock.instant()));
        renderer.render(ctx, "case.jte", model);
    }

    private static String capitalised(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    private static String caseId(Context ctx) {
        return ctx.pathParam("id");
    }

    private static PageRefusal notFound(Context ctx) {
        return new PageRefusal(404, "No such concern", "There is no concern " + caseId(ctx) + " for you in this "
                + "setting. Open the list of concerns and choose one from there.");
    }
}
