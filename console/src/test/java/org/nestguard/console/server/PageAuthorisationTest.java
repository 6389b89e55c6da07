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

/**
 * The authorisation matrix of the web pages: every page route, for no session and for a signed-in person of
 * each role, gives the expected status (200, 403, or a redirect to where the browser belongs); every
 * state-changing route refuses a request without its CSRF token.
 */
class PageAuthorisationTest {
    @TempDir
    static Path data;

    static TestConsole console;
    static Map<Role, WebClient> signedIn = new EnumMap<>(Role.class);

    /**
     * One route: method, path, and what each caller gets ("200", "403" or "->/where"): no session, an
     * administrator, and everyone else unless {@code byRole} says otherwise for their role.
     */
    record Route(String method, String path, String anonymous, String admin, String others, Map<Role, String> byRole) {
        Route(String method, String path, String anonymous, String admin, String others) {
            this(method, path, anonymous, admin, others, Map.of());
        }

        /** A signed-in page that these roles open and every other role is refused (403). */
        static Route page(String path, Role... opens) {
            Map<Role, String> byRole = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                byRole.put(role, java.util.Arrays.asList(opens).contains(role) ? "200" : "403");
            }
            return new Route("GET", path, "->/signin", byRole.get(Role.ADMIN), "403", byRole);
        }

        String expected(Role role) {
            return role == null ? anonymous : byRole.getOrDefault(role, role == Role.ADMIN ? admin : others);
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("GET", "/", "->/signin", "200", "200"),
            new Route("GET", "/accounts", "->/signin", "200", "403"),
            new Route("GET", "/signin", "200", "->/", "->/"),
            new Route("GET", "/signin/code", "->/signin", "->/", "->/"),
            new Route("GET", "/signin/authenticator", "->/signin", "->/", "->/"),
            new Route("GET", "/signin/new-password", "->/signin", "->/", "->/"),
            new Route("POST", "/signin/code", "->/signin", "->/", "->/"),
            new Route("POST", "/signin/authenticator", "->/signin", "->/", "->/"),
            new Route("POST", "/signin/new-password", "->/signin", "->/", "->/"),
            new Route("GET", "/reports", "->/signin", "200", "200"),
            Route.page("/reports/governors", Role.ADMIN, Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
            Route.page("/reports/access", Role.ADMIN, Role.TECHNICAL, Role.MANAGER, Role.HEADTEACHER),
            Route.page("/reports/access.csv", Role.ADMIN, Role.TECHNICAL, Role.MANAGER, Role.HEADTEACHER),
            Route.page("/reports/self-tests", Role.ADMIN, Role.TECHNICAL, Role.DSL, Role.DEPUTY_DSL),
            Route.page("/audit", Role.ADMIN, Role.DSL),
            Route.page("/audit/verify", Role.ADMIN, Role.DSL),
            Route.page("/retention", Role.ADMIN));

    @BeforeAll
    static void signEveryRoleIn() throws Exception {
        console = new TestConsole(false, data);
        WebFixture fixture = new WebFixture(console);
        for (Role role : Role.values()) {
            signedIn.put(role, fixture.signIn(fixture.person("person-" + role.id(), role)));
        }
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
        HttpResponse<String> response = route.method().equals("GET") ? client.get(route.path())
                : client.post(route.path(), "csrf", csrf);
        String got = response.statusCode() == 303 ? "->" + WebClient.location(response)
                : String.valueOf(response.statusCode());
        String expected = route.expected(role);
        if (!expected.equals(got)) {
            wrong.add(route.method() + " " + route.path() + " as " + (role == null ? "no session" : role.id())
                    + ": expected " + expected + ", got " + got);
        }
    }

    @Test
    void stateChangingRoutesRefuseRequestsWithoutTheSessionsCsrfToken() throws Exception {
        for (Role role : Role.values()) {
            WebClient client = signedIn.get(role);
            for (String path : List.of("/signout", "/signin/code", "/signin/authenticator", "/signin/new-password")) {
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
            assertTrue(home.contains("href=\"/reports\""), "every role opens a report: " + role.id());
            assertEquals(role == Role.ADMIN || role == Role.DSL, home.contains("href=\"/audit\""), "Audit, " + role);
            assertEquals(role == Role.ADMIN, home.contains("href=\"/retention\""), "Retention link for " + role);
        }
    }
}
