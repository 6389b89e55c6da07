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

    /** The device the device routes are tried on, in place of {device} in paths and expectations. */
    static String deviceId;

    /**
     * One route: method, path, and what each caller gets ("200", "403", "->/where" or another status); the admin
     * and everyone else as a rule, with the roles that differ from "others" in {@code except}.
     */
    record Route(String method, String path, String anonymous, String admin, String others, Map<Role, String> except) {
        Route(String method, String path, String anonymous, String admin, String others) {
            this(method, path, anonymous, admin, others, Map.of());
        }

        String expected(Role role) {
            String expected = role == null ? anonymous : role == Role.ADMIN ? admin : except.getOrDefault(role, others);
            return expected.replace("{device}", deviceId);
        }
    }

    private static final String DEVICE_PAGE = "->/devices/{device}?setting=" + TestConsole.SETTING;

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
            // the compliance dashboard: device health for the administrator, technical staff and leadership
            new Route("GET", "/dashboard", "->/signin", "200", "200", Map.of(Role.DSL, "403", Role.DEPUTY_DSL, "403")),
            new Route("GET", "/dashboard?days=none", "->/signin", "400", "400",
                    Map.of(Role.DSL, "403", Role.DEPUTY_DSL, "403")),
            new Route("GET", "/devices", "->/signin", "200", "200"),
            new Route("GET", "/devices/{device}", "->/signin", "200", "200"),
            new Route("GET", "/devices/no-such-device", "->/signin", "404", "404"),
            // technical work: tokens, revoking, commands; the POSTs carry the CSRF token and nothing else
            new Route("GET", "/tokens", "->/signin", "200", "403", Map.of(Role.TECHNICAL, "200")),
            new Route("POST", "/tokens", "->/signin", "400", "403", Map.of(Role.TECHNICAL, "400")),
            new Route("GET", "/devices/{device}/revoke", "->/signin", "200", "403", Map.of(Role.TECHNICAL, "200")),
            new Route("POST", "/devices/{device}/revoke", "->/signin", "400", "403", Map.of(Role.TECHNICAL, "400")),
            new Route("POST", "/devices/{device}/check-now", "->/signin", DEVICE_PAGE + "&done=check-now", "403",
                    Map.of(Role.TECHNICAL, DEVICE_PAGE + "&done=check-now")),
            new Route("POST", "/devices/{device}/self-test", "->/signin", DEVICE_PAGE + "&done=self-test", "403",
                    Map.of(Role.TECHNICAL, DEVICE_PAGE + "&done=self-test")));

    /** Every page route that changes state, for the CSRF check. */
    static final List<String> STATE_CHANGING = List.of("/signout", "/signin/code", "/signin/authenticator",
            "/signin/new-password", "/tokens", "/devices/{device}/revoke", "/devices/{device}/check-now",
            "/devices/{device}/self-test");

    @BeforeAll
    static void signEveryRoleIn() throws Exception {
        console = new TestConsole(false, data);
        deviceId = console.console.devices().enrol(TestConsole.SETTING, TestConsole.facts("matrix-pc", "SN-MATRIX"),
                "serial-matrix").deviceId();
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
        String path = route.path().replace("{device}", deviceId);
        HttpResponse<String> response = route.method().equals("GET") ? client.get(path)
                : client.post(path, "csrf", csrf);
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
            for (String path : STATE_CHANGING.stream().map(p -> p.replace("{device}", deviceId)).toList()) {
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
            assertEquals(role != Role.DSL && role != Role.DEPUTY_DSL, home.contains("href=\"/dashboard\""),
                    "Dashboard link for " + role.id());
            assertTrue(home.contains("href=\"/devices\""), "Devices link for " + role.id());
            assertEquals(role == Role.ADMIN || role == Role.TECHNICAL, home.contains("href=\"/tokens\""),
                    "Tokens link for " + role.id());
        }
    }
}
