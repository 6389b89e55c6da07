package org.nestguard.console.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.IssuedToken;
import org.nestguard.console.store.TechnicalChanges;

/**
 * {@code GET /tokens}: the setting's enrolment tokens (never their secrets) and the form for a new one;
 * {@code POST /tokens}: makes one (audited) and shows it once, as {@code token create} prints it, with the CA
 * fingerprint and the enrol command to copy. The page with the secret is not cached and not reachable again.
 */
final class TokensPage {
    static final int MAX_USES = 10_000;
    static final int MAX_DAYS = 365;

    private final Console console;
    private final TechnicalChanges changes;
    private final PageRenderer renderer;

    TokensPage(Console console, TechnicalChanges changes, PageRenderer renderer) {
        this.console = console;
        this.changes = changes;
        this.renderer = renderer;
    }

    void show(Context ctx) {
        render(ctx, ActingDevice.actingOrRefuse(ctx, console.settings()), null, "1", "7", null);
    }

    void submit(Context ctx) {
        ActingSetting acting = ActingDevice.actingOrRefuse(ctx, console.settings());
        String usesText = field(ctx, "uses");
        String daysText = field(ctx, "days");
        Integer uses = number(usesText, MAX_USES);
        Integer days = number(daysText, MAX_DAYS);
        if (uses == null || days == null) {
            ctx.status(400);
            render(ctx, acting, (uses == null ? "Uses '" + PageQuery.shorten(usesText) + "' is not a number from 1 to "
                    + MAX_USES + ". " : "") + (days == null ? "Valid for '" + PageQuery.shorten(daysText) + "' is not "
                    + "a number of days from 1 to " + MAX_DAYS + ". " : "") + "No token was made: correct it and "
                    + "try again.", usesText, daysText, null);
            return;
        }
        IssuedToken issued = changes.createToken(acting.person(), acting.id(), uses, Duration.ofDays(days));
        // the secret is on this response only: no cache may keep it, and the address shows nothing of it
        ctx.header("Cache-Control", "no-store");
        ctx.status(201);
        render(ctx, acting, null, "1", "7", issued);
    }

    private void render(Context ctx, ActingSetting acting, String error, String uses, String days,
                        IssuedToken issued) {
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", acting);
        model.put("tokens", console.tokens().list(acting.id()));
        model.put("error", error);
        model.put("uses", uses);
        model.put("days", days);
        model.put("issued", issued);
        model.put("fingerprint", console.ca().fingerprint().toString());
        model.put("consoleUrl", "https://" + ctx.host());
        model.put("now", console.clock().instant());
        renderer.render(ctx, "tokens.jte", model);
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.strip();
    }

    private static Integer number(String text, int max) {
        try {
            int value = Integer.parseInt(text);
            return value >= 1 && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
