package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.SignInStage;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.AccountSessions;
import org.nestguard.console.web.PageGate;
import org.nestguard.console.web.SignedIn;

/**
 * Lets people's API calls through only with a signed-in console session (the cookie of {@code POST
 * /api/v1/session} or of the pages), and a state-changing call only with the session's CSRF token in the
 * {@code X-CSRF-Token} header; then names the caller: the account acting in the call's setting
 * ({@link CallerSetting}). Runs once the route is matched, before {@link RoleGate}.
 */
public final class SessionGate implements Handler {
    /** The request attribute holding the {@link Person} calling: their roles in the setting, and who acted. */
    public static final String CALLER = "nestguard.caller";

    private final AccountSessions sessions;
    private final Settings settings;

    public SessionGate(AccountSessions sessions, Settings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    @Override
    public void handle(Context ctx) {
        Access access = Access.of(ctx.routeRoles());
        if (access == null || !access.needsSession()) {
            return; // RoleGate refuses a route without one group; signing in needs no session
        }
        Optional<SignedIn> found = sessions.find(ctx);
        if (found.isEmpty()) {
            throw new ApiProblem(401, "sign-in-required", "This API needs you signed in: POST /api/v1/session "
                    + "with {\"name\", \"password\", \"code\"} and send back the session cookie it sets (with its "
                    + "csrfToken in the X-CSRF-Token header on POST, PUT and DELETE). Your session may have ended "
                    + "after 30 minutes idle or 10 hours in all: sign in again.");
        }
        SignedIn signedIn = found.get();
        if (signedIn.session().stage() != SignInStage.SIGNED_IN) {
            throw new ApiProblem(401, "sign-in-unfinished", "This session has not finished signing in; finish in "
                    + "the web pages (/signin), or sign in with POST /api/v1/session");
        }
        if (PageGate.changesState(ctx) && !PageGate.sameToken(ctx.header(PageGate.CSRF_HEADER),
                signedIn.session().csrfToken())) {
            throw new ApiProblem(403, "csrf-token-required", "Calls that change something (POST, PUT, DELETE) "
                    + "need the session's CSRF token in the X-CSRF-Token header: the csrfToken POST /api/v1/session "
                    + "answered with. Nothing was changed.");
        }
        signedIn.attach(ctx);
        ctx.attribute(CALLER, access.needsRoles()
                ? CallerSetting.person(signedIn.account(), ctx.queryParam(CallerSetting.PARAMETER), settings)
                : signedIn.account().asActor());
    }

    /** The person calling, acting in the call's setting. */
    static Person caller(Context ctx) {
        return ctx.attribute(CALLER);
    }
}
