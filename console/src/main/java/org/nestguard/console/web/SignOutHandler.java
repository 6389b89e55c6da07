package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.WebSessions;

/** {@code POST /signout}: ends the session on the server, removes the cookie, and records it. */
final class SignOutHandler implements Handler {
    private final Accounts accounts;
    private final WebSessions sessions;

    SignOutHandler(Accounts accounts, WebSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public void handle(Context ctx) {
        end(ctx, SignedIn.of(ctx), "signed out");
        ctx.redirect(WebPages.SIGN_IN, HttpStatus.SEE_OTHER);
    }

    /** Ends this session and records why. */
    void end(Context ctx, SignedIn signedIn, String why) {
        sessions.close(signedIn.session().idHash());
        SessionCookie.clear(ctx, SessionCookie.SESSION);
        accounts.record(signedIn.account().asActor(), "sign-out", "account " + signedIn.account().name(), why);
    }
}
