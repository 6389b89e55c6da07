package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import java.util.Optional;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.SignInStage;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.OpenedSession;
import org.nestguard.console.web.AccountSessions;
import org.nestguard.console.web.SignedIn;

/**
 * {@code POST /api/v1/session} signs a script in with a console account's name, password and (when it has an
 * authenticator) TOTP code, through the same lockout and audit as the sign-in page, and answers with the session
 * cookie and its CSRF token; {@code DELETE /api/v1/session} signs out. An account that still owes a step the
 * pages take people through (a new password, setting up an authenticator) is sent there.
 */
public final class SessionHandler {
    /** The path of signing in and out. */
    public static final String PATH = "/api/v1/session";
    // one answer whether or not the name is an account, so signing in does not tell anyone which names are real
    private static final String WRONG = "The name, password or code is not right; check them (passwords are case "
            + "sensitive) and try again";

    private final AccountSessions sessions;
    private final JsonBody body;

    public SessionHandler(AccountSessions sessions, JsonBody body) {
        this.sessions = sessions;
        this.body = body;
    }

    /** {@code POST /api/v1/session}. */
    public void signIn(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // a cross-site form cannot send JSON, so this refuses signing a browser in from another site
            throw new ApiProblem(415, "json-required", "Send the sign-in as JSON with Content-Type: "
                    + "application/json: {\"name\": ..., \"password\": ..., \"code\": ...}");
        }
        SignInRequest request = body.read(ctx, SignInRequest.class);
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || request.password() == null || request.password().isEmpty()) {
            throw new ApiProblem(400, "malformed-request", "Give both name and password (and code when your "
                    + "account has an authenticator)");
        }
        sessions.locked(ctx, name).ifPresent(message -> {
            throw new ApiProblem(429, "sign-in-locked", message);
        });
        Optional<Account> found = sessions.checkPassword(ctx, name, request.password());
        if (found.isEmpty()) {
            throw failed(ctx, name);
        }
        Account account = found.get();
        if (account.totpEnrolled()) {
            String code = request.code() == null ? "" : request.code().strip();
            if (code.isEmpty()) {
                throw new ApiProblem(401, "code-required", "This account has an authenticator: give its current "
                        + "six-digit code as \"code\"");
            }
            if (!sessions.acceptTotp(account, code)) {
                throw failed(ctx, name);
            }
        }
        SignInStage owed = SignInStage.next(account, true);
        if (owed == SignInStage.PASSWORD_CHANGE) {
            throw new ApiProblem(403, "password-change-required", "This account must choose a new password "
                    + "first: sign in to the web pages (/signin) once, then use the new password here");
        }
        if (owed == SignInStage.TOTP_ENROLMENT) {
            throw new ApiProblem(403, "totp-enrolment-required", "This account must set up its authenticator "
                    + "first: sign in to the web pages (/signin) once, then give its code here");
        }
        OpenedSession opened = sessions.openSignedIn(ctx, account);
        ctx.status(201).json(new ApiSession(opened.session().csrfToken(), opened.session().expiresAt(),
                account.name(), account.grants().stream().map(grant -> new ApiSession.GrantView(grant.role().id(),
                grant.settingId())).toList()));
    }

    /** {@code DELETE /api/v1/session}. */
    public void signOut(Context ctx) {
        sessions.end(ctx, SignedIn.of(ctx), "signed out (people's API)");
        ctx.status(204);
    }

    private ApiProblem failed(Context ctx, String name) {
        return sessions.fail(ctx, name).map(message -> new ApiProblem(429, "sign-in-locked", message))
                .orElseGet(() -> new ApiProblem(401, "sign-in-failed", WRONG));
    }
}
