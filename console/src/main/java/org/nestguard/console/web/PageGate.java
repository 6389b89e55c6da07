package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nestguard.console.auth.SignInStage;

/**
 * Runs before every page: finds the session named by the cookie, sends a browser without one to the sign-in
 * page and one part-way through sign-in to the step it owes, refuses (403) a page the person's roles do not open,
 * and refuses any state-changing request whose CSRF token is not the session's.
 */
public final class PageGate implements Handler {
    /** The form field, or for htmx the header, carrying the CSRF token. */
    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final AccountSessions sessions;
    private final PageRenderer renderer;

    public PageGate(AccountSessions sessions, PageRenderer renderer) {
        this.sessions = sessions;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        PageAccess access = accessOf(ctx.routeRoles());
        if (access == null) {
            return; // not a page: the API's own gates apply
        }
        Optional<SignedIn> found = sessions.find(ctx);
        if (access == PageAccess.PUBLIC) {
            found.ifPresent(signedIn -> signedIn.attach(ctx));
            return;
        }
        if (found.isEmpty()) {
            SessionCookie.clear(ctx, SessionCookie.SESSION);
            ctx.redirect(WebPages.SIGN_IN, io.javalin.http.HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        SignedIn signedIn = found.get();
        signedIn.attach(ctx);
        if (changesState(ctx) && !csrfMatches(ctx, signedIn.session().csrfToken())) {
            ctx.status(403);
            renderer.render(ctx, "refused.jte", Map.of("title", "Form expired", "message", "This form was not sent "
                    + "from a page of this console, or it is older than your session. Nothing was changed: go "
                    + "back, reload the page and try again."));
            ctx.skipRemainingHandlers();
            return;
        }
        if (access == PageAccess.ANY_SESSION) {
            return;
        }
        SignInStage stage = signedIn.session().stage();
        if (stage != access.stage()) {
            ctx.redirect(WebPages.pageFor(stage), io.javalin.http.HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        if (!access.admits(signedIn.account())) {
            ctx.status(403);
            renderer.render(ctx, "refused.jte", Map.of("title", "Not for your role", "message", "This page needs "
                    + "one of the roles " + roleNames(access) + "; you have " + signedIn.account().asActor()
                    .roleNames() + ". Ask the console's administrator if your work needs it.",
                    "navigation", signedIn.navigation(ctx)));
            ctx.skipRemainingHandlers();
        }
    }

    /** Whether the request may change something (anything but GET, HEAD and OPTIONS), so needs the CSRF token. */
    public static boolean changesState(Context ctx) {
        HandlerType method = ctx.method();
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    /** Whether the request carries this token in the form field or the header, compared in constant time. */
    static boolean csrfMatches(Context ctx, String expected) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        return sameToken(sent, expected);
    }

    /** Whether the token sent is the one expected, compared in constant time; false when either is missing. */
    public static boolean sameToken(String sent, String expected) {
        return sent != null && expected != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static PageAccess accessOf(Set<RouteRole> roles) {
        for (RouteRole role : roles) {
            if (role instanceof PageAccess access) {
                return access;
            }
        }
        return null;
    }

    private static String roleNames(PageAccess access) {
        return String.join(", ", access.roles().stream().map(role -> role.id()).sorted().toList());
    }
}
