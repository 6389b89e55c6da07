package org.nestguard.console.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.Map;
import org.nestguard.console.auth.PasswordHashing;
import org.nestguard.console.auth.SignInStage;
import org.nestguard.console.audit.AuditLogPage;
import org.nestguard.console.reports.AccessRecordPage;
import org.nestguard.console.reports.GovernorSummaryPage;
import org.nestguard.console.reports.Reports;
import org.nestguard.console.reports.ReportsPage;
import org.nestguard.console.reports.SelfTestLogPage;
import org.nestguard.console.retention.RetentionPage;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.DeviceAccounts;
import org.nestguard.console.store.SignInThrottle;
import org.nestguard.console.store.TermSummaries;
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
    public static final String REPORTS = Reports.INDEX;
    public static final String GOVERNOR_SUMMARY = Reports.GOVERNORS;
    public static final String ACCESS_RECORD = Reports.ACCESS;
    public static final String ACCESS_RECORD_CSV = Reports.ACCESS_CSV;
    public static final String SELF_TEST_LOG = Reports.SELF_TESTS;
    public static final String AUDIT = AuditLogPage.PATH;
    public static final String AUDIT_VERIFY = AuditLogPage.VERIFY;
    public static final String RETENTION = RetentionPage.PATH;

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
        registerReports(app, console, accounts, renderer);
    }

    // the reports, the audit log viewer and retention (issue 6)
    private static void registerReports(Javalin app, Console console, Accounts accounts, PageRenderer renderer) {
        app.get(REPORTS, new ReportsPage(renderer), PageAccess.SIGNED_IN);
        app.get(GOVERNOR_SUMMARY, new GovernorSummaryPage(console.settings(), new TermSummaries(console.database(),
                console.audit()), renderer, console.clock()), PageAccess.GOVERNOR_REPORT);
        AccessRecordPage access = new AccessRecordPage(console.settings(), console.devices(),
                new DeviceAccounts(console.database()), accounts, console.audit(), renderer, console.clock());
        app.get(ACCESS_RECORD, access::show, PageAccess.ACCESS_RECORD);
        app.get(ACCESS_RECORD_CSV, access::download, PageAccess.ACCESS_RECORD);
        app.get(SELF_TEST_LOG, new SelfTestLogPage(console.settings(), console.selfTests(), renderer),
                PageAccess.SELF_TEST_LOG);
        AuditLogPage audit = new AuditLogPage(console.settings(), console.audit(), renderer);
        app.get(AUDIT, audit::show, PageAccess.AUDIT);
        app.get(AUDIT_VERIFY, audit::verify, PageAccess.AUDIT);
        app.get(RETENTION, new RetentionPage(console.settings(), console.retention(), renderer),
                PageAccess.RETENTION);
    }
}
