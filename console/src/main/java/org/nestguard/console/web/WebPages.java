package org.nestguard.console.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.Map;
import org.nestguard.console.auth.SignInStage;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.RouteTable;
import org.nestguard.console.store.Accounts;

/** The console's web pages: their addresses, their access groups, and their registration on the server. */
public final class WebPages {
    public static final String SIGN_IN = "/signin";
    public static final String SECOND_FACTOR = "/signin/code";
    public static final String TOTP_ENROLMENT = "/signin/authenticator";
    public static final String PASSWORD_CHANGE = "/signin/new-password";
    public static final String SIGN_OUT = "/signout";
    public static final String HOME = "/";
    public static final String ACCOUNTS = "/accounts";

    private static final PageRenderer ERRORS = new PageRenderer();

    private WebPages() {
    }

    /** Whether the request is for a page (not the agent's or people's JSON API), so a failure is shown as one. */
    public static boolean isPage(Context ctx) {
        return !ctx.path().startsWith("/api/");
    }

    /** Shows a failure as a page, with what went wrong and what to do; nothing of the cause's detail. */
    public static void failure(Context ctx, int status, String title, String message) {
        ctx.status(status);
        ERRORS.render(ctx, "refused.jte", Map.of("title", title, "message", message));
    }

    /** The page a session at this stage is sent to. */
    public static String pageFor(SignInStage stage) {
        return switch (stage) {
            case SECOND_FACTOR -> SECOND_FACTOR;
            case PASSWORD_CHANGE -> PASSWORD_CHANGE;
            case TOTP_ENROLMENT -> TOTP_ENROLMENT;
            case SIGNED_IN -> HOME;
        };
    }

    /**
     * Registers the pages (each through the route table, with its access group), their gate and the security
     * headers on the app, over the console's store and the accounts' sessions.
     */
    public static void register(Javalin app, RouteTable routes, Console console, AccountSessions sessions) {
        SecureRandom random = new SecureRandom();
        Accounts accounts = sessions.accounts();
        PageRenderer renderer = new PageRenderer();
        SignInSteps steps = sessions.steps();

        app.before(new SecurityHeaders());
        app.beforeMatched(new PageGate(sessions, renderer));
        SignInPage signIn = new SignInPage(accounts, steps, renderer, random);
        routes.get(SIGN_IN, signIn::show, PageAccess.PUBLIC);
        routes.post(SIGN_IN, signIn::submit, PageAccess.PUBLIC);
        SignOutHandler signOut = new SignOutHandler(sessions);
        SecondFactorPage code = new SecondFactorPage(accounts, steps, renderer, signOut);
        routes.get(SECOND_FACTOR, code::show, PageAccess.SECOND_FACTOR);
        routes.post(SECOND_FACTOR, code::submit, PageAccess.SECOND_FACTOR);
        TotpEnrolmentPage enrolment = new TotpEnrolmentPage(accounts, steps, renderer, random);
        routes.get(TOTP_ENROLMENT, enrolment::show, PageAccess.TOTP_ENROLMENT);
        routes.post(TOTP_ENROLMENT, enrolment::submit, PageAccess.TOTP_ENROLMENT);
        PasswordChangePage password = new PasswordChangePage(accounts, steps, renderer);
        routes.get(PASSWORD_CHANGE, password::show, PageAccess.PASSWORD_CHANGE);
        routes.post(PASSWORD_CHANGE, password::submit, PageAccess.PASSWORD_CHANGE);
        routes.post(SIGN_OUT, signOut, PageAccess.ANY_SESSION);
        routes.get(HOME, new HomePage(console.settings(), renderer), PageAccess.SIGNED_IN);
        routes.get(ACCOUNTS, new AccountsPage(accounts, renderer), PageAccess.ACCOUNTS);
    }
}
