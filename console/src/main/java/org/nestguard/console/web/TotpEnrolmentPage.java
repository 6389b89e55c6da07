package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.nestguard.console.auth.Base32;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.store.Accounts;

/**
 * {@code GET/POST /signin/authenticator}: shows a new TOTP secret as text and as an otpauth:// URI, and stores it
 * once the person enters a code their authenticator made from it.
 */
final class TotpEnrolmentPage {
    private static final String ISSUER = "Nestguard";

    private final Accounts accounts;
    private final SignInSteps steps;
    private final PageRenderer renderer;
    private final SecureRandom random;

    TotpEnrolmentPage(Accounts accounts, SignInSteps steps, PageRenderer renderer, SecureRandom random) {
        this.accounts = accounts;
        this.steps = steps;
        this.renderer = renderer;
        this.random = random;
    }

    void show(Context ctx) {
        render(ctx, Totp.newSecret(random), null);
    }

    void submit(Context ctx) {
        SignedIn signedIn = SignedIn.of(ctx);
        String secret = ctx.formParam("secret");
        if (secret == null || !secret.matches("[A-Z2-7]{32}")) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, Totp.newSecret(random), "The form lost its secret; here is a new one. Add it to your "
                    + "authenticator and enter the code it shows.");
            return;
        }
        if (accounts.enrolTotp(signedIn.account(), secret, ctx.formParam("code"))) {
            steps.advance(ctx, signedIn.session(), signedIn.account().id());
            return;
        }
        ctx.status(HttpStatus.UNAUTHORIZED);
        render(ctx, secret, "That code does not match this secret. Check the authenticator has the secret exactly "
                + "as shown and your device's clock is right, then enter the code it shows now.");
    }

    private void render(Context ctx, String secret, String error) {
        SignedIn signedIn = SignedIn.of(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", signedIn.session().csrfToken());
        model.put("secret", secret);
        model.put("secretGroups", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.put("uri", Totp.uri(ISSUER, signedIn.account().name(), secret));
        model.put("error", error);
        Base32.decode(secret); // refuses a malformed secret before it is shown
        renderer.render(ctx, "authenticator.jte", model);
    }
}
