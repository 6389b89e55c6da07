package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.server.FlaggedFilesFixture.Sealed;
import org.nestguard.console.server.TestConsole.EnrolledDevice;
import org.nestguard.console.store.MonitoringFixture;
import org.nestguard.console.web.SessionCookie;
import org.nestguard.console.web.WebPages;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.CheckInResponse;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.Event;

/**
 * The authorisation matrix of the console: every registered route (the web pages and people's API; the agent's
 * mutual-TLS API is tested on its own), for no session and for a signed-in person of each role, gives the status
 * its row in {@link #ROUTES} expects, over real data (a learner's and a staff member's visits and flags, a pupil's
 * isolated file and its police evidence export). A registered route without a row fails the test, so no route is
 * added without saying who may use it. Every state-changing route refuses a request without its CSRF token, and
 * no answer anywhere holds the isolated file's content.
 */
class PageAuthorisationTest {
    /** In the isolated file only: no answer of any route may contain it. */
    static final String MARKER = "FILE-CONTENT-MARKER-7f3a9c";
    static final Visit LEARNER_VISIT = MonitoringFixture.learner(1, "https://www.bet365.com/");
    static final Visit STAFF_VISIT = MonitoringFixture.staff(2, "https://poker.example/", "jsmith");

    @TempDir
    static Path data;

    static TestConsole console;
    static WebFixture fixture;
    static final Map<Role, WebFixture.Person> people = new EnumMap<>(Role.class);
    static final Map<Role, WebClient> signedIn = new EnumMap<>(Role.class);
    static EnrolledDevice device;
    static long sequence;
    /** What stands for each path parameter: the device, the learner's flag, the pupil's item, the export. */
    static final Map<String, String> samples = new HashMap<>();

    /**
     * One route: method, path as registered, what no session gets, and what each role gets in {@link Role} order
     * (admin, technical, dsl, deputy-dsl, manager, headteacher). Pages: "200", "403" or "->/where" (a redirect);
     * people's API: the status. State-changing API calls are sent with the body {@code {}}, so a role the route
     * admits gets the handler's 400 (or its 404 for a record routing keeps from them) and never a change.
     */
    record Route(String method, String path, String anonymous, List<String> byRole) {
        /** A row whose roles are given in Role order, separated by spaces. */
        Route(String method, String path, String anonymous, String byRole) {
            this(method, path, anonymous, List.of(byRole.split(" ")));
        }

        /** A row where the administrator gets one thing and every other role another. */
        Route(String method, String path, String anonymous, String admin, String others) {
            this(method, path, anonymous, List.of(admin, others, others, others, others, others));
        }

        Route {
            if (byRole.size() != Role.values().length) {
                throw new IllegalArgumentException(method + " " + path + ": give one expectation per role");
            }
        }

        String expected(Role role) {
            return role == null ? anonymous : byRole.get(role.ordinal());
        }

        boolean api() {
            return path.startsWith("/api/");
        }

        // these end the session they are sent with: each role signs in afresh for them
        boolean signsOut() {
            return path.equals(WebPages.SIGN_OUT) || (api() && method.equals("DELETE"));
        }
    }

    /** Where a command sent from a device page returns to (the sample device's page). */
    private static final String DEVICE_PAGE = "->/devices/{id}?setting=" + TestConsole.SETTING;

    static final List<Route> ROUTES = List.of(
            // pages
            new Route("GET", "/", "->/signin", "200", "200"),
            new Route("GET", "/accounts", "->/signin", "200", "403"),
            new Route("GET", "/signin", "200", "->/", "->/"),
            new Route("POST", "/signin", "403", "403", "403"),
            new Route("GET", "/signin/code", "->/signin", "->/", "->/"),
            new Route("GET", "/signin/authenticator", "->/signin", "->/", "->/"),
            new Route("GET", "/signin/new-password", "->/signin", "->/", "->/"),
            new Route("POST", "/signin/code", "->/signin", "->/", "->/"),
            new Route("POST", "/signin/authenticator", "->/signin", "->/", "->/"),
            new Route("POST", "/signin/new-password", "->/signin", "->/", "->/"),
            new Route("POST", "/signout", "->/signin", "->/signin", "->/signin"),
            // pages of the UI issue: admin technical dsl deputy-dsl manager headteacher; an empty form is a 400, a
            // record routing keeps from the person a 404 exactly as one that does not exist
            new Route("GET", "/dashboard", "->/signin", "200 200 403 403 200 200"),
            new Route("GET", "/devices", "->/signin", "200 200 200 200 200 200"),
            new Route("GET", "/devices/{id}", "->/signin", "200 200 200 200 200 200"),
            new Route("POST", "/devices/{id}/check-now", "->/signin", DEVICE_PAGE + "&done=check-now "
                    + DEVICE_PAGE + "&done=check-now 403 403 403 403"),
            new Route("POST", "/devices/{id}/self-test", "->/signin", DEVICE_PAGE + "&done=self-test "
                    + DEVICE_PAGE + "&done=self-test 403 403 403 403"),
            new Route("GET", "/devices/{id}/revoke", "->/signin", "200 200 403 403 403 403"),
            new Route("POST", "/devices/{id}/revoke", "->/signin", "400 400 403 403 403 403"),
            new Route("GET", "/tokens", "->/signin", "200 200 403 403 403 403"),
            new Route("POST", "/tokens", "->/signin", "400 400 403 403 403 403"),
            new Route("GET", "/flags", "->/signin", "403 403 200 200 200 200"),
            new Route("POST", "/flags/review", "->/signin", "403 403 400 400 400 400"),
            new Route("GET", "/flags/{id}", "->/signin", "403 403 200 200 404 404"),
            new Route("POST", "/flags/{id}/state", "->/signin", "403 403 400 400 404 404"),
            new Route("POST", "/flags/{id}/escalate", "->/signin", "403 403 400 400 404 404"),
            new Route("GET", "/history", "->/signin", "403 403 200 200 200 200"),
            new Route("GET", "/cases", "->/signin", "403 403 200 200 200 200"),
            new Route("POST", "/cases", "->/signin", "403 403 400 400 400 400"),
            new Route("GET", "/cases/{id}", "->/signin", "403 403 200 200 404 404"),
            new Route("POST", "/cases/{id}/entries", "->/signin", "403 403 400 400 404 404"),
            new Route("POST", "/cases/{id}/items", "->/signin", "403 403 400 400 404 404"),
            new Route("POST", "/cases/{id}/close", "->/signin", "403 403 409 409 404 404"),
            new Route("GET", "/quarantine", "->/signin", "403 403 200 200 200 200"),
            new Route("GET", "/quarantine/iwf", "->/signin", "403 403 200 200 200 200"),
            new Route("GET", "/quarantine/iwf/urls.csv", "->/signin", "403 403 200 200 200 200"),
            new Route("GET", "/quarantine/{id}", "->/signin", "403 403 200 200 404 404"),
            new Route("POST", "/quarantine/{id}/release", "->/signin", "403 403 400 400 404 404"),
            new Route("POST", "/quarantine/{id}/destroy", "->/signin", "403 403 400 400 404 404"),
            new Route("POST", "/quarantine/{id}/preserve", "->/signin", "403 403 400 400 404 404"),
            new Route("POST", "/quarantine/{id}/viewings", "->/signin", "403 403 400 400 404 404"),
            new Route("GET", "/devices/{id}/hold", "->/signin", "403 403 200 200 200 200"),
            new Route("POST", "/devices/{id}/hold", "->/signin", "403 403 400 400 400 400"),
            new Route("POST", "/devices/{id}/hold/lift", "->/signin", "403 403 400 400 400 400"),
            new Route("GET", "/policies", "->/signin", "200 200 200 200 200 200"),
            new Route("GET", "/policies/edit", "->/signin", "200 200 403 403 403 403"),
            new Route("POST", "/policies/edit", "->/signin", "400 400 403 403 403 403"),
            new Route("GET", "/policies/proposals/{id}", "->/signin", "404 404 404 404 404 404"),
            new Route("POST", "/policies/proposals/{id}/approve", "->/signin", "403 403 404 404 404 404"),
            new Route("POST", "/policies/proposals/{id}/reject", "->/signin", "403 403 404 404 404 404"),
            new Route("GET", "/reports", "->/signin", "200 200 200 200 200 200"),
            new Route("GET", "/reports/governors", "->/signin", "200 403 200 200 200 200"),
            new Route("GET", "/reports/access", "->/signin", "200 200 403 403 200 200"),
            new Route("GET", "/reports/access.csv", "->/signin", "200 200 403 403 200 200"),
            new Route("GET", "/reports/self-tests", "->/signin", "200 200 200 200 403 403"),
            new Route("GET", "/audit", "->/signin", "200 403 200 403 403 403"),
            new Route("GET", "/audit/verify", "->/signin", "200 403 200 403 403 403"),
            new Route("GET", "/retention", "->/signin", "200 403 403 403 403 403"),
            // people's API: admin technical dsl deputy-dsl manager headteacher
            new Route("POST", "/api/v1/session", "400", "400 400 400 400 400 400"),
            new Route("DELETE", "/api/v1/session", "401", "204 204 204 204 204 204"),
            new Route("GET", "/api/v1/devices", "401", "200 200 403 403 403 403"),
            new Route("GET", "/api/v1/devices/{id}", "401", "200 200 403 403 403 403"),
            new Route("POST", "/api/v1/devices/{id}/commands", "401", "400 400 403 403 403 403"),
            new Route("POST", "/api/v1/devices/{id}/self-test", "401", "201 201 403 403 403 403"),
            new Route("GET", "/api/v1/self-tests", "401", "200 200 200 403 403 403"),
            new Route("GET", "/api/v1/settings/{id}/compliance", "401", "200 200 403 403 200 200"),
            new Route("POST", "/api/v1/settings/{id}/policy", "401", "400 403 403 403 403 403"),
            new Route("GET", "/api/v1/alerts", "401", "200 200 403 403 403 403"),
            new Route("GET", "/api/v1/history", "401", "403 403 200 200 200 200"),
            new Route("GET", "/api/v1/history/notices", "401", "403 403 200 200 200 200"),
            new Route("GET", "/api/v1/flags", "401", "403 403 200 200 200 200"),
            new Route("GET", "/api/v1/flags/{id}", "401", "403 403 200 200 404 404"),
            new Route("POST", "/api/v1/flags/{id}/state", "401", "403 403 400 400 400 400"),
            new Route("GET", "/api/v1/file-flags", "401", "403 403 200 200 200 200"),
            new Route("GET", "/api/v1/quarantine", "401", "403 403 200 200 200 200"),
            new Route("GET", "/api/v1/quarantine/{id}", "401", "403 403 200 200 404 404"),
            new Route("POST", "/api/v1/quarantine/{id}/release", "401", "403 403 400 400 400 400"),
            new Route("POST", "/api/v1/quarantine/{id}/destroy", "401", "403 403 400 400 400 400"),
            new Route("POST", "/api/v1/quarantine/{id}/preserve", "401", "403 403 400 400 400 400"),
            new Route("POST", "/api/v1/quarantine/{id}/export", "401", "403 403 400 400 400 400"),
            new Route("POST", "/api/v1/quarantine/{id}/viewings", "401", "403 403 400 400 400 400"),
            new Route("GET", "/api/v1/evidence/{exportId}", "401", "403 403 200 200 404 404"),
            new Route("POST", "/api/v1/devices/{id}/isolate", "401", "403 403 400 400 403 403"),
            new Route("POST", "/api/v1/devices/{id}/hold", "401", "403 403 400 400 400 400"),
            new Route("POST", "/api/v1/devices/{id}/hold/lift", "401", "403 403 400 400 400 400"),
            new Route("GET", "/api/v1/devices/{id}/holds", "401", "403 403 200 200 200 200"),
            new Route("POST", "/api/v1/devices/{id}/outing-check", "401", "403 403 403 403 201 201"),
            new Route("GET", "/api/v1/devices/{id}/outing", "401", "403 403 403 403 200 200"),
            new Route("GET", "/api/v1/removable-writes", "401", "403 403 403 403 200 200"),
            new Route("GET", "/api/v1/removable-scans", "401", "200 200 403 403 200 200"),
            new Route("GET", "/api/v1/audit", "401", "200 403 200 403 403 403"),
            new Route("GET", "/api/v1/audit/verify", "401", "200 403 200 403 403 403"));

    @BeforeAll
    static void signEveryRoleInOverRealData() throws Exception {
        console = new TestConsole(false, data);
        fixture = new WebFixture(console);
        for (Role role : Role.values()) {
            people.put(role, fixture.person("person-" + role.id(), role));
            signedIn.put(role, fixture.signIn(people.get(role)));
        }
        device = console.enrol(console.token(1), TestConsole.facts("class-1", "SN-1"));
        samples.put("/devices/{id}", device.id());
        samples.put("/settings/{id}", TestConsole.SETTING);
        checkIn(MonitoringFixture.visits(++sequence, LEARNER_VISIT, STAFF_VISIT),
                MonitoringFixture.flag(++sequence, "flag-learner", LEARNER_VISIT, Severity.MEDIUM, "gambling"),
                MonitoringFixture.flag(++sequence, "flag-staff", STAFF_VISIT, Severity.MEDIUM, "gambling"));
        Sealed pupilFile = FlaggedFilesFixture.seal("pupil-amy", "photo.jpg", MARKER.getBytes(StandardCharsets.UTF_8),
                console.console.evidenceKey().publicKey());
        checkIn(FlaggedFilesFixture.flagged(++sequence, pupilFile), FlaggedFilesFixture.isolated(++sequence,
                pupilFile, null));

        WebClient dsl = signedIn.get(Role.DSL);
        JsonNode flags = json(dsl.api("GET", "/api/v1/flags?state=all", null, null)).get("flags");
        assertEquals(1, flags.size(), "the DSL sees the learner's flag only: " + flags);
        samples.put("/flags/{id}", flags.get(0).get("id").asText());
        JsonNode items = json(dsl.api("GET", "/api/v1/quarantine", null, null));
        assertEquals(1, items.size(), items.toString());
        String item = items.get(0).get("id").asText();
        samples.put("/quarantine/{id}", item);
        samples.put("/evidence/{exportId}", policeExport(dsl, item, pupilFile));
        org.nestguard.console.store.Cases cases = new org.nestguard.console.store.Cases(console.console.database(),
                console.clock, console.console.audit(), console.console.flags());
        samples.put("/cases/{id}", cases.open(people.get(Role.DSL).account().actingIn(TestConsole.SETTING),
                "A learner concern", org.nestguard.protocol.monitoring.AccountKind.LEARNER, "pupil1"));
        samples.put("/proposals/{id}", "no-such-proposal");
    }

    // the police ask for the pupil's file: preserved, exported for their key, and the device uploads the archive
    private static String policeExport(WebClient dsl, String item, Sealed pupilFile) throws Exception {
        String csrf = csrfOf(dsl);
        assertEquals(201, dsl.api("POST", "/api/v1/quarantine/" + item + "/preserve", "{\"policeReference\":"
                + "\"KP-2026-0117\",\"justification\":\"police investigation\"}", csrf).statusCode());
        console.clock.advance(Duration.ofMinutes(1));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        String police = Pem.write(generator.generateKeyPair().getPublic());
        HttpResponse<String> ordered = dsl.api("POST", "/api/v1/quarantine/" + item + "/export",
                "{\"recipientPublicKeyPem\":" + console.json.writeValueAsString(police) + ",\"justification\":"
                + "\"requested by Kent Police\"}", csrf);
        assertEquals(201, ordered.statusCode(), ordered.body());
        String exportId = json(ordered).get("id").asText();
        Command order = checkIn().commands().stream()
                .filter(command -> command.type().equals(FileCommands.EXPORT_EVIDENCE)).findFirst().orElseThrow();
        byte[] archive = FlaggedFilesFixture.archive(pupilFile, order.payload().get("recipientWrappedKey").asText(),
                "KP-2026-0117");
        HttpResponse<String> stored = device.client().send(HttpRequest.newBuilder(console.uri(AgentApi.EVIDENCE
                + exportId)).PUT(HttpRequest.BodyPublishers.ofByteArray(archive)).header("Content-Type",
                "application/zip").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, stored.statusCode(), stored.body());
        return exportId;
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void everyRegisteredRouteHasARowAndGivesItsStatusForEveryRoleAndForNoSession() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (RouteTable.Route registered : console.server.routes()) {
            Route route = ROUTES.stream().filter(row -> row.method().equals(registered.method())
                    && row.path().equals(registered.path())).findFirst().orElse(null);
            if (route == null) {
                wrong.add(registered.method() + " " + registered.path() + " (" + registered.access() + ") has no row "
                        + "in PageAuthorisationTest.ROUTES: add one saying what each role gets");
                continue;
            }
            check(route, null, new WebClient(console), wrong);
            for (Role role : Role.values()) {
                check(route, role, route.signsOut() ? fixture.signIn(people.get(role)) : signedIn.get(role), wrong);
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static void check(Route route, Role role, WebClient client, List<String> wrong) throws Exception {
        String csrf = role == null ? null : csrfOf(client);
        String path = concrete(route.path());
        HttpResponse<String> response;
        if (route.api()) {
            response = client.api(route.method(), path, route.method().equals("GET") ? null : "{}", csrf);
        } else {
            response = route.method().equals("GET") ? client.get(path) : client.post(path, "csrf", csrf);
        }
        String got = response.statusCode() == 303 ? "->" + WebClient.location(response)
                : String.valueOf(response.statusCode());
        String expected = route.expected(role).startsWith("->") ? concrete(route.expected(role))
                : route.expected(role);
        String who = route.method() + " " + path + " as " + (role == null ? "no session" : role.id());
        if (!expected.equals(got)) {
            wrong.add(who + ": expected " + expected + ", got " + got + " " + abbreviated(response.body()));
        }
        if (response.body().contains(MARKER)) {
            wrong.add(who + ": the answer holds the isolated file's content");
        }
        if (route.api() && (got.equals("401") || got.equals("403"))) {
            String message = json(response).path("message").asText();
            boolean says = got.equals("401") ? message.contains("POST /api/v1/session")
                    : message.contains("needs one of the roles");
            if (!says) {
                wrong.add(who + ": the refusal does not say what to do: " + response.body());
            }
        }
    }

    @Test
    void aManagerGetsNoneOfTheLearnersRecordsAndTechnicalStaffNoneAtAll() throws Exception {
        for (Role leadership : List.of(Role.MANAGER, Role.HEADTEACHER)) {
            WebClient client = signedIn.get(leadership);
            for (String path : List.of("/api/v1/history", "/api/v1/flags?state=all", "/api/v1/file-flags",
                    "/api/v1/quarantine", "/api/v1/history/notices")) {
                String body = client.api("GET", path, null, null).body();
                assertFalse(body.contains("bet365") || body.contains("pupil-amy"), leadership.id() + " " + path
                        + ": " + body);
            }
            String staffFlags = client.api("GET", "/api/v1/flags?state=all", null, null).body();
            assertTrue(staffFlags.contains("poker.example"), "the staff flag is leadership's: " + staffFlags);
        }
        for (Role learners : List.of(Role.DSL, Role.DEPUTY_DSL)) {
            String body = signedIn.get(learners).api("GET", "/api/v1/flags?state=all", null, null).body();
            assertTrue(body.contains("bet365") && !body.contains("poker.example"), learners.id() + ": " + body);
        }
        for (String path : List.of("/api/v1/flags", "/api/v1/history", "/api/v1/quarantine", "/api/v1/file-flags")) {
            HttpResponse<String> refused = signedIn.get(Role.TECHNICAL).api("GET", path, null, null);
            assertEquals(403, refused.statusCode(), path);
            assertFalse(refused.body().contains("bet365") || refused.body().contains("pupil-amy"), refused.body());
        }
    }

    @Test
    void theEvidenceDownloadServesOnlyTheSealedArchiveAndOnlyToTheSafeguardingRoles() throws Exception {
        String path = concrete("/api/v1/evidence/{exportId}");
        for (Role role : List.of(Role.ADMIN, Role.TECHNICAL)) {
            assertEquals(403, signedIn.get(role).api("GET", path, null, null).statusCode(), role.id());
        }
        HttpResponse<byte[]> downloaded = console.enrolmentClient().send(HttpRequest.newBuilder(console.uri(path))
                .header("Cookie", SessionCookie.SESSION + "=" + signedIn.get(Role.DEPUTY_DSL).cookies
                .get(SessionCookie.SESSION)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, downloaded.statusCode());
        Map<String, byte[]> parts = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(downloaded.body()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                parts.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertEquals(List.of("custody.json", "item.key", "item.ngv", "manifest.json"),
                new ArrayList<>(new TreeSet<>(parts.keySet())));
        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            assertFalse(contains(part.getValue(), marker), part.getKey() + " holds the file's content unsealed");
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
            for (Route route : ROUTES) {
                if (route.api() && !route.method().equals("GET") && !route.path().equals("/api/v1/session")) {
                    String path = concrete(route.path());
                    for (String token : Arrays.asList(null, "not-the-token")) {
                        HttpResponse<String> refused = client.api(route.method(), path, "{}", token);
                        assertEquals(403, refused.statusCode(), route.method() + " " + path + " as " + role.id());
                        assertEquals("csrf-token-required", json(refused).get("code").asText(), refused.body());
                    }
                }
            }
            assertEquals(200, client.get("/").statusCode(), role.id() + " still signed in");
        }
    }

    @Test
    void navigationShowsOnlyWhatTheRolesOpen() throws Exception {
        for (Role role : Role.values()) {
            String home = signedIn.get(role).get("/").body();
            assertEquals(role == Role.ADMIN, home.contains("href=\"/accounts\""), "Accounts link for " + role.id());
        }
    }

    /** The registered path with each parameter replaced by its sample. */
    static String concrete(String path) {
        String result = path;
        for (Map.Entry<String, String> sample : samples.entrySet()) {
            result = result.replace(sample.getKey(), sample.getKey().substring(0, sample.getKey().indexOf('{'))
                    + sample.getValue());
        }
        if (result.contains("{")) {
            throw new AssertionError("no sample for a parameter of " + path + ": add one to samples");
        }
        return result;
    }

    static String csrfOf(WebClient client) throws Exception {
        return WebClient.csrf(client.get("/"));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return console.json.readTree(response.body());
    }

    static CheckInResponse checkIn(Event... events) throws Exception {
        HttpResponse<String> response = console.post(device.client(), AgentApi.CHECK_IN, console.json
                .writeValueAsString(new CheckIn(List.of(events), null, 1, "test")), null);
        assertEquals(200, response.statusCode(), response.body());
        return console.json.readValue(response.body(), CheckInResponse.class);
    }

    private static String abbreviated(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
