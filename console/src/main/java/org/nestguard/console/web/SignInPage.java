package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nestguard.console.auth.Account;
import org.nestguard.console.store.Accounts;

/**
 * {@code GET/POST /signin}: name and password. Before there is a session the form's CSRF token is checked
 * against a cookie of its own (double submit). Wrong details and lockouts get one message whether or not the
 * name is an account.
 */
final class SignInPage {
    private static final String WRONG = "The name or password is not right. Check them (passwords are case "
            + "sensitive) and try again.";

    private final Accounts accounts;
    private final SignInSteps steps;
    private final PageRenderer renderer;
    private final SecureRandom random;

    SignInPage(Accounts accounts, SignInSteps steps, PageRenderer renderer, SecureRandom random) {
        this.accounts = accounts;
        this.steps = steps;
        this.renderer = renderer;
        this.random = random;
    }

    void show(Context ctx) {
        SignedIn signedIn = SignedIn.of(ctx);
        if (signedIn != null) {
            ctx.redirect(WebPages.pageFor(signedIn.session().stage()), HttpStatus.SEE_OTHER);
            return;
        }
        render(ctx, "", null);
    }

    void submit(Context ctx) {
        String cookie = ctx.cookie(SessionCookie.SIGN_IN_CSRF);
        String sent = ctx.formParam(PageGate.CSRF_FIELD);
        if (cookie == null || sent == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            ctx.status(HttpStatus.FORBIDDEN);
            renderer.render(ctx, "refused.jte", Map.of("title", "Form expired", "message", "This sign-in form was "
                    + "not sent from this console's sign-in page, or your browser refused its cookie. Open the "
                    + "sign-in page again and sign in from there."));
            return;
        }
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        if (name.isEmpty() || password.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, name, "Enter both your account name and your password.");
            return;
        }
        Optional<String> locked = steps.locked(ctx, name);
        if (locked.isPresent()) {
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            render(ctx, name, locked.get());
            return;
        }
        Optional<Account> account = accounts.checkPassword(name, password, ctx.ip());
        if (account.isEmpty()) {
            Optional<String> nowLocked = steps.fail(ctx, name);
            ctx.status(nowLocked.isPresent() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED);
            render(ctx, name, nowLocked.orElse(WRONG));
            return;
        }
        steps.start(ctx, account.get());
    }

    /** The sign-in form with a fresh pre-session CSRF token, the name kept, and the error if any. */
    void render(Context ctx, String name, String error) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SessionCookie.set(ctx, SessionCookie.SIGN_IN_CSRF, token, -1);
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", token);
        model.put("name", name);
        model.put("error", error);
        renderer.render(ctx, "signin.jte", model);
    }
}
