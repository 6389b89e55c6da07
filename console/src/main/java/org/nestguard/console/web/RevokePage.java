package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.DeviceOnHoldException;
import org.nestguard.console.store.TechnicalChanges;

/**
 * {@code GET /devices/{id}/revoke} asks for confirmation; {@code POST} revokes the device's certificates (audited),
 * refused with the reason while the device is on hold, as the API and the command line refuse it.
 */
final class RevokePage {
    private final Console console;
    private final TechnicalChanges changes;
    private final PageRenderer renderer;

    RevokePage(Console console, TechnicalChanges changes, PageRenderer renderer) {
        this.console = console;
        this.changes = changes;
        this.renderer = renderer;
    }

    void show(Context ctx) {
        render(ctx, ActingDevice.of(ctx, console.settings(), console.devices()), null);
    }

    void submit(Context ctx) {
        ActingDevice found = ActingDevice.of(ctx, console.settings(), console.devices());
        if (!"yes".equals(ctx.formParam("confirm"))) {
            ctx.status(400);
            render(ctx, found, "Nothing was revoked: tick the box to confirm that this device should be cut off.");
            return;
        }
        try {
            changes.revoke(found.acting().person(), found.device());
        } catch (DeviceOnHoldException e) {
            ctx.status(409);
            render(ctx, found, "Nothing was revoked. " + e.getMessage());
            return;
        }
        ctx.redirect(found.link() + "&done=revoked", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, ActingDevice found, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", found.acting());
        model.put("device", found.device());
        model.put("hold", console.holds().current(found.device().id()).orElse(null));
        model.put("error", error);
        model.put("back", found.link());
        renderer.render(ctx, "revoke.jte", model);
    }
}
