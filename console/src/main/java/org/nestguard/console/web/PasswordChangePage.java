package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import org.nestguard.console.auth.PasswordHashing;
import org.nestguard.console.store.Accounts;

/** {@code GET/POST /signin/new-password}: the new password a one-time password must be replaced with. */
final class PasswordChangePage {
    private final Accounts accounts;
    private final SignInSteps steps;
    private final PageRenderer renderer;

    PasswordChangePage(Accounts accounts, SignInSteps steps, PageRenderer renderer) {
        this.accounts = accounts;
        this.steps = steps;
        this.renderer = renderer;
    }

    void show(Context ctx) {
        render(ctx, null);
    }

    void submit(Context ctx) {
        SignedIn signedIn = SignedIn.of(ctx);
        String password = ctx.formParam("password");
        String again = ctx.formParam("confirm");
        if (password == null || !password.equals(again)) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, "The two passwords are not the same. Type the new password twice.");
            return;
        }
        try {
            accounts.changePassword(signedIn.account(), password);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, e.getMessage());
            return;
        }
        steps.advance(ctx, signedIn.session(), signedIn.account().id());
    }

    private void render(Context ctx, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", SignedIn.of(ctx).session().csrfToken());
        model.put("minLength", PasswordHashing.MIN_LENGTH);
        model.put("error", error);
        renderer.render(ctx, "password.jte", model);
    }
}
