package org.nestguard.console.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.Map;
import org.nestguard.console.auth.SignInStage;
import org.nestguard.console.audit.AuditLogPage;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.store.LatestResults;
import org.nestguard.console.compliance.PremisesCheck;
import org.nestguard.console.jobs.ComplianceDayJob;
import org.nestguard.console.policy.PolicyApproval;
import org.nestguard.console.policy.PolicyPublisher;
import org.nestguard.console.reports.AccessRecordPage;
import org.nestguard.console.reports.GovernorSummaryPage;
import org.nestguard.console.reports.Reports;
import org.nestguard.console.reports.ReportsPage;
import org.nestguard.console.reports.SelfTestLogPage;
import org.nestguard.console.retention.RetentionPage;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.RouteTable;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.Cases;
import org.nestguard.console.store.ComplianceDays;
import org.nestguard.console.store.DeviceAccounts;
import org.nestguard.console.store.FlaggedUrls;
import org.nestguard.console.store.PolicyProposals;
import org.nestguard.console.store.TechnicalChanges;
import org.nestguard.console.store.TermSummaries;
import org.nestguard.console.web.policies.PoliciesPage;
import org.nestguard.console.web.policies.PolicyEditPage;
import org.nestguard.console.web.policies.ProposalPage;
import org.nestguard.console.web.quarantine.DeviceHoldPage;
import org.nestguard.console.web.quarantine.IwfExportPage;
import org.nestguard.console.web.quarantine.QuarantineItemPage;
import org.nestguard.console.web.quarantine.QuarantineListPage;

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
    public static final String FLAGS = "/flags";
    public static final String HISTORY = "/history";
    public static final String CASES = "/cases";
    public static final String QUARANTINE = "/quarantine";
    public static final String QUARANTINE_ITEM = "/quarantine/{id}";
    public static final String QUARANTINE_RELEASE = "/quarantine/{id}/release";
    public static final String QUARANTINE_DESTROY = "/quarantine/{id}/destroy";
    public static final String QUARANTINE_PRESERVE = "/quarantine/{id}/preserve";
    public static final String QUARANTINE_VIEWINGS = "/quarantine/{id}/viewings";
    public static final String IWF_EXPORT = "/quarantine/iwf";
    public static final String IWF_EXPORT_CSV = "/quarantine/iwf/urls.csv";
    public static final String DEVICE_HOLD = "/devices/{id}/hold";
    public static final String DEVICE_HOLD_LIFT = "/devices/{id}/hold/lift";
    public static final String POLICIES = "/policies";
    public static final String POLICY_EDIT = "/policies/edit";
    public static final String POLICY_PROPOSAL = "/policies/proposals/{id}";
    public static final String POLICY_APPROVE = "/policies/proposals/{id}/approve";
    public static final String POLICY_REJECT = "/policies/proposals/{id}/reject";
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
        registerDevicePages(routes, console, renderer, random);
        registerSafeguarding(routes, console, renderer);
        registerQuarantine(routes, console, renderer);
        registerPolicies(routes, console, renderer);
        registerReports(routes, console, accounts, renderer);
    }

    private static void registerDevicePages(RouteTable routes, Console console, PageRenderer renderer,
                                            SecureRandom random) {
        Fleets fleets = new Fleets(console.devices(), new LatestResults(console.database()));
        PremisesCheck premises = new PremisesCheck();
        ComplianceDays days = new ComplianceDays(console.database(), console.clock());
        ComplianceDayJob trend = new ComplianceDayJob(console.settings(), fleets, console.devices(), console.events(),
                days, console.clock());
        TechnicalChanges changes = new TechnicalChanges(console.database(), console.clock(), console.tokens(),
                console.audit());
        routes.get(DASHBOARD, new DashboardPage(console.settings(), fleets, console.devices(), trend, days, premises, console.clock(),
                renderer), PageAccess.DASHBOARD);
        routes.get(DEVICES, new DevicesPage(console.settings(), console.devices(), fleets, premises, console.clock(), renderer),
                PageAccess.DEVICES);
        routes.get(DEVICE, new DevicePage(console, premises, renderer), PageAccess.DEVICES);
        DeviceCommandPage commands = new DeviceCommandPage(console, changes);
        routes.post(DEVICE_CHECK_NOW, commands::checkNow, PageAccess.DEVICE_ADMIN);
        routes.post(DEVICE_SELF_TEST, commands::selfTest, PageAccess.DEVICE_ADMIN);
        RevokePage revoke = new RevokePage(console, changes, renderer);
        routes.get(DEVICE_REVOKE, revoke::show, PageAccess.DEVICE_ADMIN);
        routes.post(DEVICE_REVOKE, revoke::submit, PageAccess.DEVICE_ADMIN);
        TokensPage tokens = new TokensPage(console, changes, renderer);
        routes.get(TOKENS, tokens::show, PageAccess.DEVICE_ADMIN);
        routes.post(TOKENS, tokens::submit, PageAccess.DEVICE_ADMIN);
    }

    // the flag queue, history search and concerns (cases): routing and auditing are the stores', given the Person
    private static void registerSafeguarding(RouteTable routes, Console console, PageRenderer renderer) {
        Cases cases = new Cases(console.database(), console.clock(), console.audit(), console.flags());
        FlagQueuePage queue = new FlagQueuePage(console.flags(), console.devices(), console.settings(), renderer);
        routes.get(FLAGS, queue::show, PageAccess.FLAGS);
        routes.post(FLAGS + "/review", queue::review, PageAccess.FLAGS);
        FlagReviewPage flag = new FlagReviewPage(console.flags(), cases, console.settings(), renderer);
        routes.get(FLAGS + "/{id}", flag::show, PageAccess.FLAGS);
        routes.post(FLAGS + "/{id}/state", flag::changeState, PageAccess.FLAGS);
        routes.post(FLAGS + "/{id}/escalate", flag::escalate, PageAccess.CASES);
        routes.get(HISTORY, new HistorySearchPage(console.history(), console.devices(), console.settings(), renderer),
                PageAccess.FLAGS);
        CaseListPage list = new CaseListPage(cases, console.settings(), renderer);
        routes.get(CASES, list::show, PageAccess.CASES);
        routes.post(CASES, list::open, PageAccess.CASES);
        CaseRecordPage record = new CaseRecordPage(cases, console.settings(), renderer, console.clock());
        routes.get(CASES + "/{id}", record::show, PageAccess.CASES);
        routes.post(CASES + "/{id}/entries", record::addEntry, PageAccess.CASES);
        routes.post(CASES + "/{id}/items", record::linkItem, PageAccess.CASES);
        routes.post(CASES + "/{id}/close", record::close, PageAccess.CASES);
    }

    private static void registerQuarantine(RouteTable routes, Console console, PageRenderer renderer) {
        // the IWF paths first: /quarantine/{id} would otherwise take "iwf" for an item's id
        IwfExportPage iwf = new IwfExportPage(new FlaggedUrls(console.database(), console.audit()),
                console.settings(), renderer);
        routes.get(IWF_EXPORT, iwf::show, PageAccess.QUARANTINE);
        routes.get(IWF_EXPORT_CSV, iwf::download, PageAccess.QUARANTINE);
        routes.get(QUARANTINE, new QuarantineListPage(console.quarantine(), console.settings(), renderer),
                PageAccess.QUARANTINE);
        QuarantineItemPage item = new QuarantineItemPage(console.quarantine(), console.holds(), console.settings(),
                renderer);
        routes.get(QUARANTINE_ITEM, item::show, PageAccess.QUARANTINE);
        routes.post(QUARANTINE_RELEASE, item::release, PageAccess.QUARANTINE);
        routes.post(QUARANTINE_DESTROY, item::destroy, PageAccess.QUARANTINE);
        routes.post(QUARANTINE_PRESERVE, item::preserve, PageAccess.QUARANTINE);
        routes.post(QUARANTINE_VIEWINGS, item::viewing, PageAccess.QUARANTINE);
        DeviceHoldPage hold = new DeviceHoldPage(console.holds(), console.devices(), console.settings(), renderer);
        routes.get(DEVICE_HOLD, hold::show, PageAccess.QUARANTINE);
        routes.post(DEVICE_HOLD, hold::place, PageAccess.QUARANTINE);
        routes.post(DEVICE_HOLD_LIFT, hold::lift, PageAccess.QUARANTINE);
    }

    private static void registerPolicies(RouteTable routes, Console console, PageRenderer renderer) {
        PolicyProposals proposals = new PolicyProposals(console.database(), console.clock(), console.audit());
        PolicyApproval approval = new PolicyApproval(proposals, new PolicyPublisher(console.settings(),
                console.commands()));
        routes.get(POLICIES, new PoliciesPage(console.settings(), proposals, renderer), PageAccess.POLICY_READ);
        PolicyEditPage edit = new PolicyEditPage(console.settings(), proposals, renderer);
        routes.get(POLICY_EDIT, edit::show, PageAccess.POLICY_PROPOSE);
        routes.post(POLICY_EDIT, edit::submit, PageAccess.POLICY_PROPOSE);
        ProposalPage proposal = new ProposalPage(console.settings(), proposals, approval, renderer);
        routes.get(POLICY_PROPOSAL, proposal::show, PageAccess.POLICY_READ);
        routes.post(POLICY_APPROVE, proposal::approve, PageAccess.POLICY_APPROVE);
        routes.post(POLICY_REJECT, proposal::reject, PageAccess.POLICY_APPROVE);
    }

    // the reports, the audit log viewer and retention (issue 6)
    private static void registerReports(RouteTable routes, Console console, Accounts accounts, PageRenderer renderer) {
        routes.get(REPORTS, new ReportsPage(renderer), PageAccess.SIGNED_IN);
        routes.get(GOVERNOR_SUMMARY, new GovernorSummaryPage(console.settings(), new TermSummaries(console.database(),
                console.audit()), renderer, console.clock()), PageAccess.GOVERNOR_REPORT);
        AccessRecordPage access = new AccessRecordPage(console.settings(), console.devices(),
                new DeviceAccounts(console.database()), accounts, console.audit(), renderer, console.clock());
        routes.get(ACCESS_RECORD, access::show, PageAccess.ACCESS_RECORD);
        routes.get(ACCESS_RECORD_CSV, access::download, PageAccess.ACCESS_RECORD);
        routes.get(SELF_TEST_LOG, new SelfTestLogPage(console.settings(), console.selfTests(), renderer),
                PageAccess.SELF_TEST_LOG);
        AuditLogPage audit = new AuditLogPage(console.settings(), console.audit(), renderer);
        routes.get(AUDIT, audit::show, PageAccess.AUDIT);
        routes.get(AUDIT_VERIFY, audit::verify, PageAccess.AUDIT);
        routes.get(RETENTION, new RetentionPage(console.settings(), console.retention(), renderer),
                PageAccess.RETENTION);
    }
}
