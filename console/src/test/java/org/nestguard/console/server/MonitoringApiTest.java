package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.server.TestConsole.EnrolledDevice;
import org.nestguard.console.store.MonitoringFixture;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Categories;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.SelfTest;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.CheckInResponse;
import org.nestguard.protocol.wire.Event;

/** Monitoring over real HTTPS: routes by role, routing of flags, state changes, the audit log, the self-test. */
abstract class MonitoringApiTest {
    static final String SETTING = TestConsole.SETTING;
    static final Visit LEARNER_VISIT = MonitoringFixture.learner(1, "https://www.bet365.com/");
    static final Visit STAFF_VISIT = MonitoringFixture.staff(2, "https://poker.example/", "jsmith");

    @TempDir
    Path temp;

    TestConsole t;
    EnrolledDevice device;
    long sequence;
    /** Keys by role name, in the order the table checks them. */
    final Map<String, ApiCaller> keys = new LinkedHashMap<>();

    abstract boolean postgres();

    @BeforeEach
    void start() throws Exception {
        t = new TestConsole(postgres(), temp.resolve("data"));
        device = t.enrol(t.token(1), TestConsole.facts("class-1", "SN-1"));
        keys.put("admin", t.admin);
        keys.put("technical", key("Tess Tech", null, List.of(), Role.TECHNICAL));
        keys.put("dsl", key("Ruth DSL", SETTING, List.of(), Role.DSL));
        keys.put("deputy-dsl", key("Dee Deputy", SETTING, List.of(), Role.DEPUTY_DSL));
        keys.put("manager", key("Mo Manager", SETTING, List.of(), Role.MANAGER));
        keys.put("headteacher", key("Harriet Head", SETTING, List.of(), Role.HEADTEACHER));
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** A console account with these roles in the setting (null: every setting), signed in to people's API. */
    ApiCaller key(String name, String setting, List<String> own, Role... roles) {
        return t.accounts.api(t.accounts.person(name, setting, own, roles));
    }

    CheckInResponse checkIn(Event... events) throws Exception {
        HttpResponse<String> response = checkInRaw(events);
        if (response.statusCode() != 200) {
            fail("check-in refused: " + response.statusCode() + " " + response.body());
        }
        return t.json.readValue(response.body(), CheckInResponse.class);
    }

    HttpResponse<String> checkInRaw(Event... events) throws Exception {
        return t.post(device.client(), AgentApi.CHECK_IN, t.json.writeValueAsString(new CheckIn(List.of(events), null,
                1, "test")), null);
    }

    Event flag(Visit visit, Severity severity, String category) {
        return MonitoringFixture.flag(++sequence, "flag-" + sequence, visit, severity, category);
    }

    /** The id of the only flag in the queue of the person with this key. */
    String onlyFlag(ApiCaller key) throws Exception {
        JsonNode flags = t.tree(t.get("/api/v1/flags?state=all", key)).get("flags");
        assertEquals(1, flags.size(), flags.toString());
        return flags.get(0).get("id").asText();
    }

    HttpResponse<String> send(String method, String path, String body, ApiCaller key) throws Exception {
        return "GET".equals(method) ? t.get(path, key) : t.post(t.enrolmentClient(), path, body, key);
    }

    void assertRefused(HttpResponse<String> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, t.tree(response).get("code").asText(), response.body());
    }

    /** A route, the body it is sent with by each role, and the status each role gets. */
    record Case(String method, String path, Map<String, String> bodies, Map<String, Integer> expected) {
    }

    static Map<String, Integer> statuses(int admin, int technical, int dsl, int deputy, int manager, int head) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("admin", admin);
        statuses.put("technical", technical);
        statuses.put("dsl", dsl);
        statuses.put("deputy-dsl", deputy);
        statuses.put("manager", manager);
        statuses.put("headteacher", head);
        return statuses;
    }

    static Map<String, String> sameBody(String body) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String role : List.of("admin", "technical", "dsl", "deputy-dsl", "manager", "headteacher")) {
            bodies.put(role, body);
        }
        return bodies;
    }

    @Test
    void everyRoleAgainstEveryRoute() throws Exception {
        checkIn(MonitoringFixture.visits(++sequence, LEARNER_VISIT, STAFF_VISIT), flag(LEARNER_VISIT, Severity.MEDIUM,
                "gambling"), flag(STAFF_VISIT, Severity.MEDIUM, "gambling"));
        String learnerFlag = onlyFlag(keys.get("dsl"));
        String staffFlag = onlyFlag(keys.get("manager"));
        String dev = "/api/v1/devices/" + device.id();
        String policy = Files.readString(TestConsole.POLICY);
        String toFalsePositive = "{\"state\":\"false-positive\",\"reason\":\"a school trip site\"}";
        String reopen = "{\"state\":\"reviewed\",\"reason\":\"reopened: seen again\"}";
        Map<String, String> learnerDecisions = sameBody(toFalsePositive);
        learnerDecisions.put("deputy-dsl", reopen);
        Map<String, String> staffDecisions = sameBody(toFalsePositive);
        staffDecisions.put("headteacher", reopen);
        int no = 403;
        List<Case> cases = List.of(
                new Case("GET", "/api/v1/devices", sameBody(null), statuses(200, 200, no, no, no, no)),
                new Case("GET", dev, sameBody(null), statuses(200, 200, no, no, no, no)),
                new Case("POST", dev + "/commands", sameBody("{\"type\":\"check-now\"}"),
                        statuses(201, 201, no, no, no, no)),
                new Case("POST", dev + "/self-test", sameBody(""), statuses(201, 201, no, no, no, no)),
                new Case("GET", "/api/v1/self-tests", sameBody(null), statuses(200, 200, 200, no, no, no)),
                new Case("GET", "/api/v1/settings/" + SETTING + "/compliance", sameBody(null),
                        statuses(200, 200, no, no, 200, 200)),
                new Case("POST", "/api/v1/settings/" + SETTING + "/policy", sameBody(policy),
                        statuses(201, no, no, no, no, no)),
                new Case("GET", "/api/v1/alerts", sameBody(null), statuses(200, 200, no, no, no, no)),
                new Case("GET", "/api/v1/history", sameBody(null), statuses(no, no, 200, 200, 200, 200)),
                new Case("GET", "/api/v1/history/notices", sameBody(null), statuses(no, no, 200, 200, 200, 200)),
                new Case("GET", "/api/v1/flags", sameBody(null), statuses(no, no, 200, 200, 200, 200)),
                new Case("GET", "/api/v1/flags/" + learnerFlag, sameBody(null), statuses(no, no, 200, 200, 404, 404)),
                new Case("GET", "/api/v1/flags/" + staffFlag, sameBody(null), statuses(no, no, 404, 404, 200, 200)),
                new Case("POST", "/api/v1/flags/" + learnerFlag + "/state", learnerDecisions,
                        statuses(no, no, 200, 200, 404, 404)),
                new Case("POST", "/api/v1/flags/" + staffFlag + "/state", staffDecisions,
                        statuses(no, no, 404, 404, 200, 200)),
                new Case("GET", "/api/v1/audit", sameBody(null), statuses(200, no, 200, no, no, no)),
                new Case("GET", "/api/v1/audit/verify", sameBody(null), statuses(200, no, 200, no, no, no)));
        List<String> wrong = new ArrayList<>();
        for (Case route : cases) {
            for (Map.Entry<String, Integer> expected : route.expected().entrySet()) {
                String role = expected.getKey();
                HttpResponse<String> response = send(route.method(), route.path(), route.bodies().get(role),
                        keys.get(role));
                if (response.statusCode() != expected.getValue()) {
                    wrong.add(role + " " + route.method() + " " + route.path() + ": " + response.statusCode()
                            + " (expected " + expected.getValue() + ") " + response.body());
                }
                if (response.statusCode() == 403) {
                    assertEquals("role-required", t.tree(response).get("code").asText(), response.body());
                }
                if (response.statusCode() == 404) {
                    assertEquals("flag-unknown", t.tree(response).get("code").asText(), response.body());
                }
            }
        }
        assertEquals(List.of(), wrong);

        // what each may see inside the routes they may use
        assertEquals(List.of("https://www.bet365.com/"), flagUrls(keys.get("dsl")), "the DSL: learners' flags");
        assertEquals(List.of("https://poker.example/"), flagUrls(keys.get("manager")), "the manager: staff flags");
        for (String technicalView : List.of("/api/v1/self-tests", "/api/v1/alerts", "/api/v1/devices/" + device.id())) {
            String body = t.get(technicalView, keys.get("technical")).body();
            assertFalse(body.contains("bet365") || body.contains("poker"), technicalView + ": " + body);
        }
        String adminAudit = t.get("/api/v1/audit?limit=1000", keys.get("admin")).body();
        assertFalse(adminAudit.contains("bet365") || adminAudit.contains("a school trip site"), adminAudit);
        assertTrue(t.tree(t.get("/api/v1/audit/verify", keys.get("admin"))).get("intact").asBoolean());
    }

    List<String> flagUrls(ApiCaller key) throws Exception {
        List<String> urls = new ArrayList<>();
        t.tree(t.get("/api/v1/flags?state=all", key)).get("flags")
                .forEach(flag -> urls.add(flag.get("visit").get("url").asText()));
        return urls;
    }

    @Test
    void aFlagAboutJanesAccountNeverReachesJaneWhoIsDslAndManagerOnlyTheHeadteacher() throws Exception {
        ApiCaller jane = key("Jane Smith", SETTING, List.of("jsmith"), Role.DSL, Role.MANAGER);
        checkIn(flag(STAFF_VISIT, Severity.HIGH, "gambling"), flag(LEARNER_VISIT, Severity.MEDIUM, "gambling"));
        String flagAboutJane = onlyFlag(keys.get("headteacher"));

        assertEquals(List.of("https://www.bet365.com/"), flagUrls(jane), "Jane's queue: the learner's flag only");
        HttpResponse<String> hidden = t.get("/api/v1/flags/" + flagAboutJane, jane);
        HttpResponse<String> absent = t.get("/api/v1/flags/no-such-flag", jane);
        assertRefused(hidden, 404, "flag-unknown");
        assertEquals(t.tree(absent).get("message").asText().replace("no-such-flag", flagAboutJane),
                t.tree(hidden).get("message").asText(), "hidden reads exactly as absent");
        assertRefused(t.post(t.enrolmentClient(), "/api/v1/flags/" + flagAboutJane + "/state",
                "{\"state\":\"false-positive\",\"reason\":\"nothing\"}", jane), 404, "flag-unknown");
        assertEquals(0, t.tree(t.get("/api/v1/history?account=jsmith", jane)).get("visits").size());

        JsonNode seen = t.tree(t.get("/api/v1/flags/" + flagAboutJane, keys.get("headteacher")));
        assertEquals("new", seen.get("flag").get("state").asText(), "Jane's attempt changed nothing");
        assertEquals("gambling", seen.get("reasons").get(0).get("category").asText());
    }

    @Test
    void aFlagThatReachesNoOneIsAnAlertToAdministratorsWithoutItsContent() throws Exception {
        // a setting whose only manager is Jane and which has no headteacher
        String yaml = MonitoringFixture.policy(MonitoringFixture.UPLOADS_FLAGGED);
        t.publish(yaml);
        String nursery = MonitoringFixture.UPLOADS_FLAGGED;
        key("Nursery DSL", nursery, List.of(), Role.DSL);
        ApiCaller jane = key("Jane Nursery", nursery, List.of("jsmith"), Role.MANAGER);
        device = t.enrol(t.console.tokens().create(nursery, 1, Duration.ofDays(1)).secret(),
                TestConsole.facts("office", "SN-2"));
        sequence = 0;
        checkIn(flag(STAFF_VISIT, Severity.HIGH, "gambling"));
        assertEquals(List.of(), flagUrls(jane));

        JsonNode alerts = t.tree(t.get("/api/v1/alerts", keys.get("admin")));
        List<JsonNode> unrouted = new ArrayList<>();
        alerts.forEach(alert -> {
            if ("flag-unrouted".equals(alert.get("kind").asText())) {
                unrouted.add(alert);
            }
        });
        assertEquals(1, unrouted.size(), alerts.toString());
        String message = unrouted.get(0).get("message").asText();
        assertTrue(message.contains("role headteacher or manager") && message.contains("--role headteacher "
                + "--setting " + nursery), message);
        assertFalse(alerts.toString().contains("poker") || alerts.toString().contains("jsmith"), alerts.toString());
        String flagId = unrouted.get(0).get("flagId").asText();

        ApiCaller head = key("Nursery head", nursery, List.of(), Role.HEADTEACHER);
        assertEquals(200, t.get("/api/v1/flags/" + flagId, head).statusCode());
        assertFalse(t.get("/api/v1/alerts", keys.get("admin")).body().contains("flag-unrouted"));
    }

    @Test
    void stateChangesNeedAReasonFollowTheRulesAndAreAudited() throws Exception {
        checkIn(flag(LEARNER_VISIT, Severity.HIGH, "gambling"));
        ApiCaller dsl = keys.get("dsl");
        String id = onlyFlag(dsl);
        String path = "/api/v1/flags/" + id + "/state";
        assertRefused(t.post(t.enrolmentClient(), path, "{\"state\":\"reviewed\"}", dsl), 400, "reason-required");
        assertRefused(t.post(t.enrolmentClient(), path, "{\"state\":\"closed\",\"reason\":\"x\"}", dsl), 400,
                "malformed-request");
        assertRefused(t.post(t.enrolmentClient(), path, "{\"state\":\"reviewed\",\"reason\":\"x\",\"by\":\"me\"}",
                dsl), 400, "malformed-request");
        HttpResponse<String> escalated = t.post(t.enrolmentClient(), path, "{\"state\":\"escalated\",\"reason\":"
                + "\"Disclosed gambling debts\",\"concernReference\":\"CPOMS-77\"}", dsl);
        assertEquals(200, escalated.statusCode(), escalated.body());
        assertEquals("Ruth DSL", t.tree(escalated).get("byName").asText());
        assertEquals("escalated", t.tree(escalated).get("to").asText());
        HttpResponse<String> again = t.post(t.enrolmentClient(), path, "{\"state\":\"reviewed\",\"reason\":\"x\"}",
                dsl);
        assertRefused(again, 409, "state-conflict");
        assertTrue(t.tree(again).get("message").asText().contains("final"), again.body());

        JsonNode detail = t.tree(t.get("/api/v1/flags/" + id, keys.get("deputy-dsl")));
        assertEquals("CPOMS-77", detail.get("flag").get("concernReference").asText());
        assertEquals("Disclosed gambling debts", detail.get("changes").get(0).get("reason").asText());
        JsonNode audit = t.tree(t.get("/api/v1/audit", dsl)).get("entries");
        List<String> actions = new ArrayList<>();
        audit.forEach(entry -> actions.add(entry.get("action").asText() + " by " + entry.get("actor").asText()));
        assertEquals(List.of("flag.read by Dee Deputy", "flag.state by Ruth DSL", "flags.list by Ruth DSL"), actions);
    }

    @Test
    void historySearchOverHttpsPagesAndRefusesBadParameters() throws Exception {
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            visits.add(MonitoringFixture.learner(i, "https://site" + i + ".bbc.co.uk/"));
        }
        checkIn(MonitoringFixture.visits(++sequence, visits.toArray(Visit[]::new)));
        ApiCaller dsl = keys.get("dsl");
        JsonNode first = t.tree(t.get("/api/v1/history?domain=bbc.co.uk&limit=3", dsl));
        assertEquals(3, first.get("visits").size());
        assertEquals("https://site4.bbc.co.uk/", first.get("visits").get(0).get("url").asText());
        JsonNode second = t.tree(t.get("/api/v1/history?domain=bbc.co.uk&limit=3&before="
                + first.get("next").asText(), dsl));
        assertEquals(2, second.get("visits").size());
        assertTrue(second.get("next").isNull());
        assertRefused(t.get("/api/v1/history?acount=pupil1", dsl), 400, "malformed-request");
        assertRefused(t.get("/api/v1/history?from=yesterday", dsl), 400, "malformed-request");
        assertRefused(t.get("/api/v1/history?limit=5000", dsl), 400, "malformed-request");
        assertRefused(t.get("/api/v1/history?before=nonsense", dsl), 400, "malformed-request");
        assertEquals(5, t.tree(t.get("/api/v1/history?from=" + MonitoringFixture.T0.toString().substring(0, 10), dsl))
                .get("visits").size(), "a date means its start in UTC");
    }

    @Test
    void aMalformedMonitoringEventRefusesTheWholeCheckInNamingItsSequenceAndField() throws Exception {
        Event bad = flag(LEARNER_VISIT, Severity.HIGH, "gambling");
        ((ObjectNode) bad.payload().get("visit")).put("accountKind", "pupil");
        HttpResponse<String> response = checkInRaw(MonitoringFixture.visits(++sequence, LEARNER_VISIT), bad);
        assertRefused(response, 400, "malformed-request");
        String message = t.tree(response).get("message").asText();
        assertTrue(message.startsWith("The check-in was refused as a whole: event 1 (flag) is not a valid "
                + "FlagRaised at visit.accountKind"), message);
        assertTrue(t.console.events().read(device.id(), null, null, null).isEmpty(), "nothing was stored");
    }

    @Test
    void aSelfTestGoesToTheDeviceAndItsCanaryFlagPassesItEndToEnd() throws Exception {
        ApiCaller tech = keys.get("technical");
        HttpResponse<String> asked = t.post(t.enrolmentClient(), "/api/v1/devices/" + device.id() + "/self-test", "",
                tech);
        assertEquals(201, asked.statusCode(), asked.body());
        String selfTestId = t.tree(asked).get("id").asText();
        assertEquals("waiting", t.tree(asked).get("status").asText());

        CheckInResponse answer = checkIn();
        assertEquals(SelfTest.COMMAND, answer.commands().get(0).type());
        assertEquals(selfTestId, answer.commands().get(0).payload().get("selfTestId").asText());
        t.clock.advance(Duration.ofSeconds(90));
        Visit canary = new Visit(t.clock.instant().minusSeconds(30), SelfTest.url(selfTestId), SelfTest.PHRASE,
                "chrome", "Default", "pupil1", AccountKind.LEARNER, "typed", null);
        checkIn(MonitoringFixture.flag(++sequence, new FlagRaised("canary", canary, List.of(new Flag(
                Categories.SELF_TEST, Severity.LOW, Flag.Source.SELF_TEST, "self-test", SelfTest.PHRASE,
                "the self-test phrase")), List.of(), List.of(), selfTestId)));

        JsonNode log = t.tree(t.get("/api/v1/self-tests?setting=" + SETTING, tech));
        assertEquals(1, log.size());
        assertEquals("passed", log.get(0).get("status").asText());
        assertEquals(90_000, log.get(0).get("endToEndMillis").asLong());
        assertEquals(30_000, log.get(0).get("agentMillis").asLong());
        assertEquals("Tess Tech", log.get(0).get("requestedBy").asText());
        assertEquals(0, t.tree(t.get("/api/v1/flags?state=all", keys.get("dsl"))).get("flags").size(),
                "a self-test flag never enters the DSL's queue");
        assertRefused(t.post(t.enrolmentClient(), "/api/v1/devices/no-such/self-test", "", tech), 404,
                "device-unknown");
    }

    @Test
    void aPersonOfOneSettingSeesOnlyItsDevicesAndAlertsSayWhatMonitoringDoesNotCover() throws Exception {
        String acorns = MonitoringFixture.NO_HISTORY;
        t.publish(MonitoringFixture.policy(acorns));
        ApiCaller acornsTech = key("Acorns tech", acorns, List.of(), Role.TECHNICAL);
        ApiCaller acornsAdmin = key("Acorns admin", acorns, List.of(), Role.ADMIN);
        EnrolledDevice acornsDevice = t.enrol(t.console.tokens().create(acorns, 1, Duration.ofDays(1)).secret(),
                TestConsole.facts("acorn-1", "SN-3"));

        JsonNode listed = t.tree(t.get("/api/v1/devices", acornsTech));
        assertEquals(1, listed.size());
        assertEquals(acornsDevice.id(), listed.get(0).get("id").asText());
        assertRefused(t.get("/api/v1/devices/" + device.id(), acornsTech), 404, "device-unknown");
        assertRefused(t.post(t.enrolmentClient(), "/api/v1/devices/" + device.id() + "/self-test", "", acornsTech),
                404, "device-unknown");
        assertRefused(t.get("/api/v1/settings/" + SETTING + "/compliance", acornsTech), 404, "setting-unknown");
        assertRefused(t.post(t.enrolmentClient(), "/api/v1/settings/" + SETTING + "/policy",
                Files.readString(TestConsole.POLICY), acornsAdmin), 404, "setting-unknown");

        // the acorns' policy reads no history, yet a device sends some: kept, and the alert says so
        device = acornsDevice;
        sequence = 0;
        checkIn(MonitoringFixture.visits(++sequence, LEARNER_VISIT),
                MonitoringFixture.notice(++sequence, org.nestguard.protocol.monitoring.HistoryNotice.Kind.UNREADABLE,
                        "pupil1", 3));
        List<String> kinds = new ArrayList<>();
        t.tree(t.get("/api/v1/alerts", acornsTech)).forEach(alert -> kinds.add(alert.get("kind").asText() + " "
                + alert.get("settingId").asText()));
        assertTrue(kinds.contains("monitoring-not-covered " + acorns), kinds.toString());
        assertTrue(kinds.contains("history-unreadable " + acorns), kinds.toString());
        assertTrue(kinds.stream().allMatch(kind -> kind.endsWith(" " + acorns)), "only the acorns' alerts: " + kinds);
        assertFalse(t.get("/api/v1/alerts", acornsTech).body().contains("bet365"));
    }
}
