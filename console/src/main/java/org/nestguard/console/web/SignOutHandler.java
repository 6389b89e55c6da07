package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

/** {@code POST /signout}: ends the session on the server, removes the cookie, and records it. */
final class SignOutHandler implements Handler {
    private final AccountSessions sessions;

    SignOutHandler(AccountSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(Context ctx) {
        end(ctx, SignedIn.of(ctx), "signed out");
        ctx.redirect(WebPages.SIGN_IN, HttpStatus.SEE_OTHER);
    }

    /** Ends this session and records why. */
    void end(Context ctx, SignedIn signedIn, String why) {
        sessions.end(ctx, signedIn, why);
    }
}
