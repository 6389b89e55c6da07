package org.nestguard.console.web;

import io.javalin.http.Context;
import org.nestguard.console.auth.Account;
import org.nestguard.console.store.WebSession;

/** The session and account {@link PageGate} found for this request. */
public record SignedIn(WebSession session, Account account) {
    private static final String ATTRIBUTE = "nestguard.signedIn";

    /** Keeps it on the request for the handlers (the pages' and people's API's gates do this). */
    public void attach(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** The session of a request that passed the gate (null on public pages without one). */
    public static SignedIn of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    /** The navigation bar for this person on the page being shown. */
    public Navigation navigation(Context ctx) {
        return Navigation.of(account, ctx.path(), session.csrfToken());
    }
}
