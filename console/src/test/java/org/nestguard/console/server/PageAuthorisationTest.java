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
import org.nestguard.console.web.PageAccess;

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
     * One route: method, path, and what each caller gets ("200", "403", "404" or "->/where"); {@code byRole} gives
     * the roles whose answer differs from {@code admin} and {@code others}.
     */
    record Route(String method, String path, String anonymous, String admin, String others, Map<Role, String> byRole) {
        Route(String method, String path, String anonymous, String admin, String others) {
            this(method, path, anonymous, admin, others, Map.of());
        }

        /** A page of this group: the group's roles get {@code admitted}, every other role 403, no session sign-in. */
        static Route gated(String method, String path, PageAccess group, String admitted) {
            Map<Role, String> byRole = new EnumMap<>(Role.class);
            group.roles().forEach(role -> byRole.put(role, admitted));
            return new Route(method, path, "->/signin", "403", "403", byRole);
        }

        String expected(Role role) {
            if (role != null && byRole.containsKey(role)) {
                return byRole.get(role);
            }
            return role == null ? anonymous : role == Role.ADMIN ? admin : others;
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
            Route.gated("POST", "/policies/proposals/no-such-proposal/reject", PageAccess.POLICY_APPROVE, "404"));

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
            for (String path : List.of("/signout", "/signin/code", "/signin/authenticator", "/signin/new-password",
                    "/quarantine/x/release", "/quarantine/x/destroy", "/quarantine/x/preserve",
                    "/quarantine/x/viewings", "/devices/x/hold", "/devices/x/hold/lift", "/policies/edit",
                    "/policies/proposals/x/approve", "/policies/proposals/x/reject")) {
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
            assertEquals(PageAccess.QUARANTINE.roles().contains(role), home.contains("href=\"/quarantine\""),
                    "Quarantine link for " + role.id());
            assertTrue(home.contains("href=\"/policies\""), "Policies link for " + role.id());
        }
    }
}
