package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nestguard.console.store.Accounts;

/** {@code GET/POST /signin/code}: the TOTP code after the password; failures count towards the lockout. */
final class SecondFactorPage {
    private final Accounts accounts;
    private final SignInSteps steps;
    private final PageRenderer renderer;
    private final SignOutHandler signOut;

    SecondFactorPage(Accounts accounts, SignInSteps steps, PageRenderer renderer, SignOutHandler signOut) {
        this.accounts = accounts;
        this.steps = steps;
        this.renderer = renderer;
        this.signOut = signOut;
    }

    void show(Context ctx) {
        render(ctx, null);
    }

    void submit(Context ctx) {
        SignedIn signedIn = SignedIn.of(ctx);
        if (accounts.acceptTotp(signedIn.account(), ctx.formParam("code"))) {
            steps.advance(ctx, signedIn.session(), signedIn.account().id());
            return;
        }
        Optional<String> locked = steps.fail(ctx, signedIn.account().name());
        if (locked.isPresent()) {
            // start again from the password once the lock ends
            signOut.end(ctx, signedIn, "locked out at the code step");
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            renderer.render(ctx, "refused.jte", Map.of("title", "Sign-in paused", "message", locked.get()));
            return;
        }
        ctx.status(HttpStatus.UNAUTHORIZED);
        render(ctx, "That code is not right, or it was used already. Wait for your authenticator to show the next "
                + "code and enter it.");
    }

    private void render(Context ctx, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", SignedIn.of(ctx).session().csrfToken());
        model.put("error", error);
        renderer.render(ctx, "code.jte", model);
    }
}
