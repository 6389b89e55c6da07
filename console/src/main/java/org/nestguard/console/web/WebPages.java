package org.nestguard.console.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.Map;
import org.nestguard.console.auth.PasswordHashing;
import org.nestguard.console.auth.SignInStage;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.compliance.PremisesCheck;
import org.nestguard.console.jobs.ComplianceDayJob;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.ComplianceDays;
import org.nestguard.console.store.SignInThrottle;
import org.nestguard.console.store.TechnicalChanges;
import org.nestguard.console.store.WebSessions;

/** The console's web pages: their addresses, their access groups, and their registration on the server. */
public final class WebPages {
    public static final String SIGN_IN = "/signin";
    public static final String SECOND_FACTOR = "/signin/code";
    public static final String TOTP_ENROLMENT = "/signin/authenticator";
    public static final String PASSWORD_CHANGE = "/signin/new-password";
    public static final String SIGN_OUT = "/signout";
    public static final String HOME = "/";
    public static final String ACCOUNTS = "/accounts";
    public static final String DASHBOARD = "/dashboard";
    public static final String DEVICES = "/devices";
    public static final String DEVICE = "/devices/{id}";
    public static final String DEVICE_CHECK_NOW = "/devices/{id}/check-now";
    public static final String DEVICE_SELF_TEST = "/devices/{id}/self-test";
    public static final String DEVICE_REVOKE = "/devices/{id}/revoke";
    public static final String TOKENS = "/tokens";

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

    /** Registers the pages, their gate and the security headers on the app, over the console's store. */
    public static void register(Javalin app, Console console) {
        SecureRandom random = new SecureRandom();
        Accounts accounts = new Accounts(console.database(), console.clock(), random, console.audit(),
                PasswordHashing.OWASP);
        WebSessions sessions = new WebSessions(console.database(), console.clock(), random);
        SignInThrottle throttle = new SignInThrottle(console.database(), console.clock());
        PageRenderer renderer = new PageRenderer();
        SignInSteps steps = new SignInSteps(accounts, sessions, throttle, console.clock());

        app.before(new SecurityHeaders());
        app.beforeMatched(new PageGate(sessions, accounts, renderer));
        SignInPage signIn = new SignInPage(accounts, steps, renderer, random);
        app.get(SIGN_IN, signIn::show, PageAccess.PUBLIC);
        app.post(SIGN_IN, signIn::submit, PageAccess.PUBLIC);
        SignOutHandler signOut = new SignOutHandler(accounts, sessions);
        SecondFactorPage code = new SecondFactorPage(accounts, steps, renderer, signOut);
        app.get(SECOND_FACTOR, code::show, PageAccess.SECOND_FACTOR);
        app.post(SECOND_FACTOR, code::submit, PageAccess.SECOND_FACTOR);
        TotpEnrolmentPage enrolment = new TotpEnrolmentPage(accounts, steps, renderer, random);
        app.get(TOTP_ENROLMENT, enrolment::show, PageAccess.TOTP_ENROLMENT);
        app.post(TOTP_ENROLMENT, enrolment::submit, PageAccess.TOTP_ENROLMENT);
        PasswordChangePage password = new PasswordChangePage(accounts, steps, renderer);
        app.get(PASSWORD_CHANGE, password::show, PageAccess.PASSWORD_CHANGE);
        app.post(PASSWORD_CHANGE, password::submit, PageAccess.PASSWORD_CHANGE);
        app.post(SIGN_OUT, signOut, PageAccess.ANY_SESSION);
        app.get(HOME, new HomePage(console.settings(), renderer), PageAccess.SIGNED_IN);
        app.get(ACCOUNTS, new AccountsPage(accounts, renderer), PageAccess.ACCOUNTS);
        registerDevicePages(app, console, renderer, random);
    }

    private static void registerDevicePages(Javalin app, Console console, PageRenderer renderer,
                                            SecureRandom random) {
        Fleets fleets = new Fleets(console.devices(), console.events());
        PremisesCheck premises = new PremisesCheck();
        ComplianceDays days = new ComplianceDays(console.database(), console.clock());
        ComplianceDayJob trend = new ComplianceDayJob(console.settings(), fleets, console.devices(), console.events(),
                days, console.clock());
        TechnicalChanges changes = new TechnicalChanges(console.database(), console.clock(), console.tokens(),
                console.audit());
        app.get(DASHBOARD, new DashboardPage(console.settings(), fleets, trend, days, premises, console.clock(),
                renderer), PageAccess.DASHBOARD);
        app.get(DEVICES, new DevicesPage(console.settings(), fleets, premises, console.clock(), renderer),
                PageAccess.DEVICES);
        app.get(DEVICE, new DevicePage(console, premises, renderer), PageAccess.DEVICES);
        DeviceCommandPage commands = new DeviceCommandPage(console, changes);
        app.post(DEVICE_CHECK_NOW, commands::checkNow, PageAccess.DEVICE_ADMIN);
        app.post(DEVICE_SELF_TEST, commands::selfTest, PageAccess.DEVICE_ADMIN);
        RevokePage revoke = new RevokePage(console, changes, renderer);
        app.get(DEVICE_REVOKE, revoke::show, PageAccess.DEVICE_ADMIN);
        app.post(DEVICE_REVOKE, revoke::submit, PageAccess.DEVICE_ADMIN);
        TokensPage tokens = new TokensPage(console, changes, renderer);
        app.get(TOKENS, tokens::show, PageAccess.DEVICE_ADMIN);
        app.post(TOKENS, tokens::submit, PageAccess.DEVICE_ADMIN);
    }
}
