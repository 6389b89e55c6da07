package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.store.FlagQuery;
import org.nestguard.console.store.MonitoringFixture;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.console.web.PageAccess;

/**
 * The authorisation matrix of the web pages: every page route, for no session and for a signed-in person of
 * each role, gives the expected status (200, 403, or a redirect to where the browser belongs); every
 * state-changing route refuses a request without its CSRF token.
 */
class PageRecordRoutingTest {
    @TempDir
    static Path data;

    static TestConsole console;
    static Map<Role, WebClient> signedIn = new EnumMap<>(Role.class);

    /**
     * One route: method, path, and what each caller gets ("200", "400", "403", "404", "409" or "->/where"): with no
     * session, and for each role. {placeholders} in the path are records made before the test.
     */
    record Route(String method, String path, String anonymous, Map<Role, String> byRole) {
        /** A route every signed-in role but the administrator gets the same answer from. */
        static Route same(String method, String path, String anonymous, String admin, String others) {
            Map<Role, String> byRole = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                byRole.put(role, role == Role.ADMIN ? admin : others);
            }
            return new Route(method, path, anonymous, byRole);
        }

        /**
         * A safeguarding route: technical staff and administrators are refused whatever the record; the DSL's answer
         * is also the deputy's, the manager's the headteacher's.
         */
        static Route safeguarding(String method, String path, String dsl, String manager) {
            return new Route(method, path, "->/signin", Map.of(Role.ADMIN, "403", Role.TECHNICAL, "403", Role.DSL, dsl,
                    Role.DEPUTY_DSL, dsl, Role.MANAGER, manager, Role.HEADTEACHER, manager));
        }

        /** A page of this group: the group's roles get {@code admitted}, every other role 403. */
        static Route gated(String method, String path, PageAccess group, String admitted) {
            Map<Role, String> byRole = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                byRole.put(role, group.roles().contains(role) ? admitted : "403");
            }
            return new Route(method, path, "->/signin", byRole);
        }

        /** As {@link #same}, with the roles in {@code except} answered differently. */
        static Route except(String method, String path, String anonymous, String admin, String others,
                            Map<Role, String> except) {
            Route route = same(method, path, anonymous, admin, others);
            Map<Role, String> byRole = new EnumMap<>(route.byRole());
            byRole.putAll(except);
            return new Route(method, path, anonymous, byRole);
        }

        /** A signed-in page that these roles open (200) and every other role is refused (403). */
        static Route page(String path, Role... opens) {
            Map<Role, String> byRole = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                byRole.put(role, java.util.Arrays.asList(opens).contains(role) ? "200" : "403");
            }
            return new Route("GET", path, "->/signin", byRole);
        }

        String expected(Role role) {
            return role == null ? anonymous : byRole.get(role);
        }

        String pathWith(Map<String, String> records) {
            return filled(path, records);
        }
    }

    private static final String DEVICE_PAGE = "->/devices/{device}?setting=" + TestConsole.SETTING;

    static final List<Route> ROUTES = List.of(
            Route.same("GET", "/", "->/signin", "200", "200"),
            Route.same("GET", "/accounts", "->/signin", "200", "403"),
            Route.same("GET", "/signin", "200", "->/", "->/"),
            Route.same("GET", "/signin/code", "->/signin", "->/", "->/"),
            Route.same("GET", "/signin/authenticator", "->/signin", "->/", "->/"),
            Route.same("GET", "/signin/new-password", "->/signin", "->/", "->/"),
            Route.same("POST", "/signin/code", "->/signin", "->/", "->/"),
            Route.same("POST", "/signin/authenticator", "->/signin", "->/", "->/"),
            Route.same("POST", "/signin/new-password", "->/signin", "->/", "->/"),
            // flags, history and concerns: a learner's records are the DSL's, a member of staff's the manager's;
            // a record not the person's is a 404, exactly as one that does not exist. Empty forms are a 400.
            Route.safeguarding("GET", "/flags", "200", "200"),
            Route.safeguarding("GET", "/flags/{learner-flag}", "200", "404"),
            Route.safeguarding("GET", "/flags/{staff-flag}", "404", "200"),
            Route.safeguarding("GET", "/flags/no-such-flag", "404", "404"),
            Route.safeguarding("POST", "/flags/review", "400", "400"),
            Route.safeguarding("POST", "/flags/{learner-flag}/state", "400", "404"),
            Route.safeguarding("POST", "/flags/{staff-flag}/state", "404", "400"),
            Route.safeguarding("POST", "/flags/{learner-flag}/escalate", "400", "404"),
            Route.safeguarding("POST", "/flags/{staff-flag}/escalate", "404", "400"),
            Route.safeguarding("GET", "/history", "200", "200"),
            Route.safeguarding("GET", "/cases", "200", "200"),
            Route.safeguarding("POST", "/cases", "400", "400"),
            Route.safeguarding("GET", "/cases/{learner-case}", "200", "404"),
            Route.safeguarding("GET", "/cases/{staff-case}", "404", "200"),
            Route.safeguarding("POST", "/cases/{learner-case}/entries", "400", "404"),
            Route.safeguarding("POST", "/cases/{staff-case}/entries", "404", "400"),
            Route.safeguarding("POST", "/cases/{learner-case}/items", "400", "404"),
            Route.safeguarding("POST", "/cases/{learner-case}/close", "409", "404"),
            Route.safeguarding("POST", "/cases/{staff-case}/close", "404", "409"),
            // quarantine: no item, device or proposal exists here, so an admitted role meets a 404 page where an
            // id is needed (after the CSRF and role checks passed)
            Route.gated("GET", "/quarantine", PageAccess.QUARANTINE, "200"),
            Route.gated("GET", "/quarantine/iwf", PageAccess.QUARANTINE, "200"),
            Route.gated("GET", "/quarantine/iwf/urls.csv", PageAccess.QUARANTINE, "200"),
            Route.gated("GET", "/quarantine/no-such-item", PageAccess.QUARANTINE, "404"),
            Route.gated("POST", "/quarantine/no-such-item/release", PageAccess.QUARANTINE, "404"),
            Route.gated("POST", "/quarantine/no-such-item/destroy", PageAccess.QUARANTINE, "404"),
            Route.gated("POST", "/quarantine/no-such-item/preserve", PageAccess.QUARANTINE, "404"),
            Route.gated("POST", "/quarantine/no-such-item/viewings", PageAccess.QUARANTINE, "404"),
            Route.gated("GET", "/devices/no-such-device/hold", PageAccess.QUARANTINE, "404"),
            Route.gated("POST", "/devices/no-such-device/hold", PageAccess.QUARANTINE, "404"),
            Route.gated("POST", "/devices/no-such-device/hold/lift", PageAccess.QUARANTINE, "404"),
            // policies: everyone reads, technical staff and administrators propose, DSLs and leadership decide
            Route.gated("GET", "/policies", PageAccess.POLICY_READ, "200"),
            Route.gated("GET", "/policies/edit", PageAccess.POLICY_PROPOSE, "200"),
            Route.gated("POST", "/policies/edit", PageAccess.POLICY_PROPOSE, "400"),
            Route.gated("GET", "/policies/proposals/no-such-proposal", PageAccess.POLICY_READ, "404"),
            Route.gated("POST", "/policies/proposals/no-such-proposal/approve", PageAccess.POLICY_APPROVE, "404"),
            Route.gated("POST", "/policies/proposals/no-such-proposal/reject", PageAccess.POLICY_APPROVE, "404"),
            // reports, the audit log and retention
            Route.same("GET", "/reports", "->/signin", "200", "200"),
            Route.page("/reports/governors", Role.ADMIN, Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
            Route.page("/reports/access", Role.ADMIN, Role.TECHNICAL, Role.MANAGER, Role.HEADTEACHER),
            Route.page("/reports/access.csv", Role.ADMIN, Role.TECHNICAL, Role.MANAGER, Role.HEADTEACHER),
            Route.page("/reports/self-tests", Role.ADMIN, Role.TECHNICAL, Role.DSL, Role.DEPUTY_DSL),
            Route.page("/audit", Role.ADMIN, Role.DSL),
            Route.page("/audit/verify", Role.ADMIN, Role.DSL),
            Route.page("/retention", Role.ADMIN),
            // the compliance dashboard: device health for the administrator, technical staff and leadership
            Route.except("GET", "/dashboard", "->/signin", "200", "200", Map.of(Role.DSL, "403", Role.DEPUTY_DSL, "403")),
            Route.except("GET", "/dashboard?days=none", "->/signin", "400", "400",
                    Map.of(Role.DSL, "403", Role.DEPUTY_DSL, "403")),
            Route.same("GET", "/devices", "->/signin", "200", "200"),
            Route.same("GET", "/devices/{device}", "->/signin", "200", "200"),
            Route.same("GET", "/devices/no-such-device", "->/signin", "404", "404"),
            // technical work: tokens, revoking, commands; the POSTs carry the CSRF token and nothing else
            Route.except("GET", "/tokens", "->/signin", "200", "403", Map.of(Role.TECHNICAL, "200")),
            Route.except("POST", "/tokens", "->/signin", "400", "403", Map.of(Role.TECHNICAL, "400")),
            Route.except("GET", "/devices/{device}/revoke", "->/signin", "200", "403", Map.of(Role.TECHNICAL, "200")),
            Route.except("POST", "/devices/{device}/revoke", "->/signin", "400", "403", Map.of(Role.TECHNICAL, "400")),
            Route.except("POST", "/devices/{device}/check-now", "->/signin", DEVICE_PAGE + "&done=check-now", "403",
                    Map.of(Role.TECHNICAL, DEVICE_PAGE + "&done=check-now")),
            Route.except("POST", "/devices/{device}/self-test", "->/signin", DEVICE_PAGE + "&done=self-test", "403",
                    Map.of(Role.TECHNICAL, DEVICE_PAGE + "&done=self-test")));

    /** {placeholders} in a path or an expected redirect, replaced by the records' ids. */
    static String filled(String text, Map<String, String> records) {
        String filled = text;
        for (Map.Entry<String, String> record : records.entrySet()) {
            filled = filled.replace("{" + record.getKey() + "}", record.getValue());
        }
        return filled;
    }

    /** The records the paths name: a device, a learner's and a staff member's flag and concern. */
    static final Map<String, String> RECORDS = new java.util.HashMap<>();

    @BeforeAll
    static void signEveryRoleIn() throws Exception {
        console = new TestConsole(false, data);
        RECORDS.put("device", console.console.devices().enrol(TestConsole.SETTING, TestConsole.facts("matrix-pc",
                "SN-MATRIX"), "serial-matrix").deviceId());
        WebFixture fixture = new WebFixture(console);
        Map<Role, WebFixture.Person> people = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            people.put(role, fixture.person("person-" + role.id(), role));
            signedIn.put(role, fixture.signIn(people.get(role)));
        }
        TestConsole.EnrolledDevice device = console.enrol(console.token(1), TestConsole.facts("class-1", "SN-1"));
        AgentCheckIn.send(console, device, MonitoringFixture.flag(1, "learner", MonitoringFixture.learner(1,
                "https://self-harm.example/"), Severity.HIGH, "self-harm"), MonitoringFixture.flag(2, "staff",
                MonitoringFixture.staff(2, "https://poker.example/", "jsmith"), Severity.HIGH, "gambling"));
        org.nestguard.console.store.Cases cases = new org.nestguard.console.store.Cases(console.console.database(),
                console.clock, console.console.audit(), console.console.flags());
        org.nestguard.console.auth.Person dsl = people.get(Role.DSL).account().actingIn(TestConsole.SETTING);
        org.nestguard.console.auth.Person manager = people.get(Role.MANAGER).account().actingIn(TestConsole.SETTING);
        RECORDS.put("learner-flag", console.console.flags().queue(dsl, new FlagQuery(null, null, null, null, null,
                10, null)).flags().get(0).id());
        RECORDS.put("staff-flag", console.console.flags().queue(manager, new FlagQuery(null, null, null, null,
                null, 10, null)).flags().get(0).id());
        RECORDS.put("learner-case", cases.open(dsl, "A learner concern", AccountKind.LEARNER, "pupil1"));
        RECORDS.put("staff-case", cases.open(manager, "A staff concern", AccountKind.STAFF, "jsmith"));
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void everyRouteForEveryRoleAndForNoSession() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Route route : ROUTES) {
            check(route, null, new WebClient(console), wrong);
            for (Role role : Role.values()) {
                check(route, role, signedIn.get(role), wrong);
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static void check(Route route, Role role, WebClient client, List<String> wrong) throws Exception {
        String csrf = role == null ? null : WebClient.csrf(client.get("/"));
        String path = route.pathWith(RECORDS);
        HttpResponse<String> response = route.method().equals("GET") ? client.get(path)
                : client.post(path, "csrf", csrf);
        String got = response.statusCode() == 303 ? "->" + WebClient.location(response)
                : String.valueOf(response.statusCode());
        String expected = filled(route.expected(role), RECORDS);
        if (!expected.equals(got)) {
            wrong.add(route.method() + " " + route.path() + " as " + (role == null ? "no session" : role.id())
                    + ": expected " + expected + ", got " + got);
        }
    }

    @Test
    void stateChangingRoutesRefuseRequestsWithoutTheSessionsCsrfToken() throws Exception {
        for (Role role : Role.values()) {
            WebClient client = signedIn.get(role);
            List<String> paths = new ArrayList<>(List.of("/signout", "/signin/code", "/signin/authenticator",
                    "/signin/new-password"));
            ROUTES.stream().filter(route -> route.method().equals("POST")).map(route -> route.pathWith(RECORDS))
                    .forEach(paths::add);
            for (String path : paths) {
                assertEquals(403, client.post(path).statusCode(), path + " without a token as " + role.id());
                assertEquals(403, client.post(path, "csrf", "not-the-token").statusCode(), path + " as " + role);
            }
            assertEquals(200, client.get("/").statusCode(), role.id() + " still signed in");
        }
    }

    @Test
    void navigationShowsOnlyWhatTheRolesOpen() throws Exception {
        for (Role role : Role.values()) {
            String home = signedIn.get(role).get("/").body();
            assertEquals(role == Role.ADMIN, home.contains("href=\"/accounts\""), "Accounts link for " + role.id());
            boolean safeguarding = role.safeguarding();
            assertEquals(safeguarding, home.contains("href=\"/flags\""), "Flags link for " + role.id());
            assertEquals(safeguarding, home.contains("href=\"/history\""), "History link for " + role.id());
            assertEquals(safeguarding, home.contains("href=\"/cases\""), "Concerns link for " + role.id());
            assertEquals(PageAccess.QUARANTINE.roles().contains(role), home.contains("href=\"/quarantine\""),
                    "Quarantine link for " + role.id());
            assertTrue(home.contains("href=\"/policies\""), "Policies link for " + role.id());
            assertTrue(home.contains("href=\"/reports\""), "every role opens a report: " + role.id());
            assertEquals(role == Role.ADMIN || role == Role.DSL, home.contains("href=\"/audit\""), "Audit, " + role);
            assertEquals(role == Role.ADMIN, home.contains("href=\"/retention\""), "Retention link for " + role);
            assertEquals(role != Role.DSL && role != Role.DEPUTY_DSL, home.contains("href=\"/dashboard\""),
                    "Dashboard link for " + role.id());
            assertTrue(home.contains("href=\"/devices\""), "Devices link for " + role.id());
            assertEquals(role == Role.ADMIN || role == Role.TECHNICAL, home.contains("href=\"/tokens\""),
                    "Tokens link for " + role.id());
        }
    }
}
