package org.nestguard.console.server;

import org.nestguard.console.store.LatestResults;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.jobs.ComplianceDayJob;
import org.nestguard.console.server.TestConsole.EnrolledDevice;
import org.nestguard.console.store.AuditEntry;
import org.nestguard.console.store.ComplianceDays;
import org.nestguard.console.store.MonitoringFixture;
import org.nestguard.protocol.monitoring.SelfTest;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.CheckInResponse;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.NetworkLocation;

/**
 * The dashboard, device, token and revoke pages over a real console with devices enrolled over TLS and their
 * check-ins stored: what a manager, a technician and a DSL each see and can do.
 */
class DevicePagesTest {
    static final NetworkLocation ON_PREMISES = new NetworkLocation("10.63.0.1", "aa:bb:cc:00:00:01", "DittonStaff",
            List.of("10.63.4.20"));
    static final NetworkLocation AT_HOME = new NetworkLocation("192.168.1.1", "aa:bb:cc:00:00:02", "HomeWiFi",
            List.of("192.168.1.20"));

    /** The most a page of 5,000 devices may take here (see the test). */

    @TempDir
    Path data;

    TestConsole t;
    WebFixture fixture;
    EnrolledDevice lab;
    EnrolledDevice office;
    EnrolledDevice laptop;
    long sequence;

    @BeforeEach
    void start() throws Exception {
        t = new TestConsole(false, data);
        fixture = new WebFixture(t);
        lab = t.enrol(t.token(1), TestConsole.facts("lab-01", "SN-LAB"));
        office = t.enrol(t.token(1), TestConsole.facts("office-02", "SN-OFFICE"));
        laptop = t.enrol(t.token(1), TestConsole.facts("laptop-03", "SN-LAPTOP"));
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** Three devices: lab passes both controls, office fails screen-lock, the laptop is at home unencrypted. */
    void checkInTheFleet() throws Exception {
        Instant now = t.clock.instant();
        checkIn(lab, ON_PREMISES, result(1, "encryption", "PASS", now), result(2, "screen-lock", "PASS", now));
        checkIn(office, ON_PREMISES, result(1, "encryption", "PASS", now), result(2, "screen-lock", "FAIL", now));
        checkIn(laptop, AT_HOME, result(1, "encryption", "FAIL", now));
    }

    @Test
    void aManagerSeesTheSharePerControlTheFailingDevicesWithTheirClauseAndWhoIsOffThePremises() throws Exception {
        checkInTheFleet();
        WebClient manager = fixture.signIn(fixture.person("m.jones", Role.MANAGER));
        String page = ok(manager.get("/dashboard"));

        assertTrue(page.contains("3 device(s) enrolled"), page);
        assertEquals("67%", cell(page, "share-encryption"), "two of three pass encryption");
        // the laptop never reported screen-lock: unknown, so one of three pass
        assertEquals("33%", cell(page, "share-screen-lock"));
        String failing = section(page, "failing");
        assertTrue(failing.contains("office-02") && failing.contains("screen-lock is FAIL"), failing);
        assertTrue(failing.contains("§004 “unless encrypted”"), "the clause the check cites: " + failing);
        assertTrue(failing.contains("laptop-03") && failing.contains("Disk encryption is off"), failing);
        assertFalse(failing.contains("lab-01"), "the passing device is not listed as failing");
        String off = section(page, "off-premises");
        assertTrue(off.contains("laptop-03") && off.contains("FAIL"), off);
        assertFalse(off.contains("office-02"), off);
        assertTrue(page.contains("Setting issued devices should not leave the premises unless encrypted"));
        assertTrue(ok(manager.get("/")).contains("href=\"/dashboard\""), "the dashboard is in the manager's bar");
    }

    @Test
    void theTrendShowsThirtyDaysRebuiltFromStoredCheckResultsAndTodayFromTheLatest() throws Exception {
        t.clock.advance(Duration.ofDays(4)); // the devices enrolled before the days the trend rebuilds
        Instant now = t.clock.instant();
        // three days ago office failed screen-lock; yesterday it passed; today it fails again
        checkIn(office, ON_PREMISES, result(1, "screen-lock", "FAIL", now.minus(Duration.ofDays(3))),
                result(2, "screen-lock", "PASS", now.minus(Duration.ofDays(1))));
        checkIn(lab, ON_PREMISES, result(1, "screen-lock", "PASS", now.minus(Duration.ofDays(3))));
        ComplianceDayJob job = new ComplianceDayJob(t.console.settings(), new Fleets(t.console.devices(),
                new LatestResults(t.console.database())), t.console.devices(), t.console.events(),
                new ComplianceDays(t.console.database(), t.clock), t.clock);
        assertEquals(3, job.runOnce(), "three past days rebuilt: three days ago, two days ago and yesterday");
        assertEquals(0, job.runOnce(), "days already recorded are not rebuilt");
        checkIn(office, ON_PREMISES, result(3, "screen-lock", "FAIL", now));

        WebClient manager = fixture.signIn(fixture.person("m.jones", Role.MANAGER));
        String trend = section(ok(manager.get("/dashboard")), "trend-screen-lock").replaceAll(">\\s+<", "><");
        LocalDate today = job.today();
        assertEquals(30, count(trend, "<tr><th scope=\"row\">20"), "a row for each of the 30 days");
        // the laptop enrolled with the others, so every day counts three devices; it never reported: unknown
        assertTrue(trend.contains(row(today.minusDays(3), "33%", 1, 1, 1)), trend);
        assertTrue(trend.contains(row(today.minusDays(2), "33%", 1, 1, 1)), "the state carries over: " + trend);
        assertTrue(trend.contains(row(today.minusDays(1), "67%", 2, 0, 1)), trend);
        assertTrue(trend.contains(row(today, "33%", 1, 1, 1)), "today is refreshed from the latest results: " + trend);
        assertTrue(trend.contains("<th scope=\"row\">" + today.minusDays(4) + "</th><td colspan=\"4\" "
                + "class=\"muted\">no record</td>"), "before the first result there is no record: " + trend);
        assertEquals(4, count(trend, "<rect class=\"day-bar\""), "a bar per recorded day, drawn on the server");
        assertTrue(trend.contains("role=\"img\"") && trend.contains("aria-label=\"Share of devices passing "
                + "screen-lock"), trend);
    }

    @Test
    void devicesNotSeenForTheChosenNumberOfDaysAreListed() throws Exception {
        checkInTheFleet();
        t.clock.advance(Duration.ofDays(3));
        checkIn(lab, ON_PREMISES);
        WebClient manager = fixture.signIn(fixture.person("m.jones", Role.MANAGER));
        String week = section(ok(manager.get("/dashboard")), "not-seen");
        assertTrue(week.contains("Every device has checked in within 7 day(s)"), week);
        String twoDays = section(ok(manager.get("/dashboard?days=2")), "not-seen");
        assertTrue(twoDays.contains("office-02") && twoDays.contains("laptop-03"), twoDays);
        assertFalse(twoDays.contains("lab-01"), twoDays);
        HttpResponse<String> bad = manager.get("/dashboard?days=soon");
        assertEquals(400, bad.statusCode());
        assertTrue(text(bad).contains("'soon' is not a usable number of days: give a whole number from 1 to 365"),
                bad.body());
    }

    @Test
    void filtersNarrowTheDeviceList() throws Exception {
        checkInTheFleet();
        WebClient technician = fixture.signIn(fixture.person("t.lee", Role.TECHNICAL));
        assertEquals(List.of("lab-01", "laptop-03", "office-02"), hostnames(ok(technician.get("/devices"))));
        assertEquals(List.of("office-02"), hostnames(ok(technician.get("/devices?failing=screen-lock"))));
        assertEquals(List.of("laptop-03"), hostnames(ok(technician.get("/devices?failing=encryption"))));
        assertEquals(List.of("laptop-03"), hostnames(ok(technician.get("/devices?offPremises=yes"))));
        assertEquals(List.of("lab-01"), hostnames(ok(technician.get("/devices?q=LAB"))));
        assertEquals(List.of(), hostnames(ok(technician.get("/devices?os=Windows"))));
        assertEquals(3, hostnames(ok(technician.get("/devices?os=Ubuntu"))).size());
        assertEquals(List.of(), hostnames(ok(technician.get("/devices?notSeenDays=1"))));
        t.clock.advance(Duration.ofDays(2));
        checkIn(office, ON_PREMISES);
        technician = fixture.signIn(fixture.person("t.lee2", Role.TECHNICAL)); // two days on, the session expired
        assertEquals(List.of("lab-01", "laptop-03"), hostnames(ok(technician.get("/devices?notSeenDays=1"))));
        String silent = ok(technician.get("/devices?notSeenDays=1&q=o"));
        assertEquals(List.of("laptop-03"), hostnames(silent), "both filters apply: not seen, and 'o' in the name");
        assertTrue(silent.contains("1 of 3 device(s) match these filters"), silent);
        assertEquals(400, technician.get("/devices?notSeenDays=-2").statusCode());
    }

    @Test
    void theListIsPagedFiftyAtATime() throws Exception {
        for (int i = 0; i < 52; i++) {
            t.console.devices().enrol(TestConsole.SETTING, TestConsole.facts(String.format("pc-%03d", i), "SN-P" + i),
                    "serial-" + i);
        }
        WebClient technician = fixture.signIn(fixture.person("t.lee", Role.TECHNICAL));
        String first = ok(technician.get("/devices?q=pc-"));
        assertEquals(50, hostnames(first).size());
        assertTrue(first.contains("Page 1 of 2") && first.contains("page=2"), first);
        String second = ok(technician.get("/devices?q=pc-&page=2"));
        assertEquals(List.of("pc-050", "pc-051"), hostnames(second));
    }

    @Test
    void theDashboardAndListCountFiveThousandDevicesRight() throws Exception {
        // how fast is bench/pages-bench.sh's business (BENCHMARKS.md), not a unit test's
        seed(5_000, t.clock.instant());
        WebClient manager = fixture.signIn(fixture.person("m.jones", Role.MANAGER));
        String page = ok(manager.get("/dashboard"));
        assertTrue(page.contains("5003 device(s) enrolled"), "and the three of every test");
        assertEquals("90%", cell(page, "share-encryption"), "4,500 of 5,003 pass; the three never reported");
        String failing = page.substring(page.indexOf("id=\"failing-encryption\""));
        failing = failing.substring(0, failing.indexOf("</table>"));
        assertTrue(failing.contains("encryption: 500 failing device(s), the first 50 by name"), failing);
        assertEquals(50, failing.split("href=\"/devices/").length - 1, "the first 50, not all 500");
        assertTrue(failing.indexOf(">pc-0000<") > 0 && failing.indexOf(">pc-0490<") > failing.indexOf(">pc-0000<")
                && !failing.contains(">pc-0500<"), "by hostname: every tenth from pc-0000 to pc-0490");
        assertTrue(page.contains("/devices?failing=encryption&amp;setting=") || page.contains(
                "/devices?failing=encryption&setting="), "the rest are a link away");
        assertTrue(page.contains("500 device(s) last seen off the premises whose disk encryption does not pass, "
                + "the first 50 by name"), "seeded with no address, they count as off the premises: " + page);
        String list = ok(manager.get("/devices?failing=encryption&page=3"));
        assertTrue(list.contains("500 of 5003 device(s) match these filters"), list);
    }

    @Test
    void theDevicePageShowsEachCheckWithItsEvidenceAndClauseAndRefusesOtherSettingsDevices() throws Exception {
        checkInTheFleet();
        WebClient technician = fixture.signIn(fixture.person("t.lee", Role.TECHNICAL));
        String page = ok(technician.get("/devices/" + office.id()));
        String checks = section(page, "checks");
        assertTrue(checks.contains("screen-lock") && checks.contains("FAIL") && checks.contains("volume /: FAIL"),
                checks);
        assertTrue(checks.contains("§004 “unless encrypted”"), checks);
        assertTrue(page.contains("on the premises") && page.contains("not on hold"), page);
        assertFalse(page.contains("Recent flags"), "technical staff see no flag section at all");

        t.console.settings().add("other-school", "Other School");
        String elsewhere = t.console.devices().enrol("other-school", TestConsole.facts("other-pc", "SN-OTHER"),
                "serial-other").deviceId();
        HttpResponse<String> refused = technician.get("/devices/" + elsewhere);
        assertEquals(404, refused.statusCode());
        assertTrue(refused.body().contains("There is no device with the id"), refused.body());
        assertEquals(404, technician.get("/devices/no-such-device").statusCode());
    }

    @Test
    void flagsAppearOnTheDevicePageOnlyForThoseRoutingLetsReadThemAndTheReadIsAudited() throws Exception {
        checkIn(lab, ON_PREMISES, MonitoringFixture.flag(1, "flag-1", MonitoringFixture.learner(1,
                "https://bad.example/page"), Severity.HIGH, "gambling"));
        WebClient dsl = fixture.signIn(fixture.person("s.ahmed", Role.DSL));
        String flags = section(ok(dsl.get("/devices/" + lab.id())), "flags");
        assertTrue(flags.contains("high") && flags.contains("gambling") && flags.contains("new"), flags);
        assertFalse(flags.contains("bad.example"), "the device page shows no browsing content");
        assertTrue(audit().stream().anyMatch(entry -> entry.action().equals("flags.list")
                && entry.actor().equals("s.ahmed") && entry.detail().contains("device=" + lab.id())));

        WebClient manager = fixture.signIn(fixture.person("m.jones", Role.MANAGER));
        String managerFlags = section(ok(manager.get("/devices/" + lab.id())), "flags");
        assertTrue(managerFlags.contains("None."), "a learner's flag goes to the DSL, not the manager: " + managerFlags);
        WebClient technician = fixture.signIn(fixture.person("t.lee", Role.TECHNICAL));
        String technical = ok(technician.get("/devices/" + lab.id()));
        assertFalse(technical.contains("gambling") || technical.contains("flags-heading"), technical);
        assertFalse(audit().stream().anyMatch(entry -> entry.actor().equals("t.lee")
                && entry.action().equals("flags.list")), "technical staff's pages do not ask for flags");
    }

    @Test
    void recentHistoryAppearsOnTheDevicePageOnlyForThoseRoutingLetsReadItAsText() throws Exception {
        checkIn(lab, ON_PREMISES, MonitoringFixture.visits(1, MonitoringFixture.learner(1,
                "https://homework.example/fractions"), MonitoringFixture.staff(2, "https://payroll.example/", "jsmith")));
        String dsl = section(ok(fixture.signIn(fixture.person("s.ahmed", Role.DSL)).get("/devices/" + lab.id())),
                "visits");
        assertTrue(dsl.contains("https://homework.example/fractions") && !dsl.contains("payroll.example"), dsl);
        assertFalse(dsl.contains("href=\"https://homework"), "an address from a device is never a link");
        String manager = section(ok(fixture.signIn(fixture.person("m.jones", Role.MANAGER)).get("/devices/"
                + lab.id())), "visits");
        assertTrue(manager.contains("payroll.example") && !manager.contains("homework.example"), manager);
        String technical = ok(fixture.signIn(fixture.person("t.lee", Role.TECHNICAL)).get("/devices/" + lab.id()));
        assertFalse(technical.contains("visits-heading") || technical.contains("homework.example"), technical);
        assertTrue(audit().stream().anyMatch(entry -> entry.actor().equals("s.ahmed")
                && entry.action().startsWith("history")), "the DSL's read of the device's history is audited");
    }

    @Test
    void aTokenIsShownOnceWithTheFingerprintAndEnrolCommandAndItEnrolsADevice() throws Exception {
        WebClient technician = fixture.signIn(fixture.person("t.lee", Role.TECHNICAL));
        HttpResponse<String> form = technician.get("/tokens");
        HttpResponse<String> made = technician.post("/tokens?setting=" + TestConsole.SETTING, "csrf",
                WebClient.csrf(form), "uses", "2", "days", "3");
        assertEquals(201, made.statusCode(), made.body());
        assertEquals("no-store", made.headers().firstValue("Cache-Control").orElse(""));
        Matcher secret = Pattern.compile("id=\"token-secret\">(ngt_[^<]+)<").matcher(made.body());
        assertTrue(secret.find(), made.body());
        String token = secret.group(1);
        assertTrue(made.body().contains(t.fingerprint()), "the CA fingerprint to pin");
        assertTrue(made.body().contains("nestguard-agent enroll --console https://127.0.0.1:" + t.server.port()
                + " --token " + token + " --ca-fingerprint " + t.fingerprint()), made.body());

        String list = ok(technician.get("/tokens"));
        assertFalse(list.contains(token), "the secret is never shown again");
        assertTrue(section(list, "tokens").contains("2 of 2"), list);
        t.enrol(token, TestConsole.facts("new-pc", "SN-NEW"));
        assertTrue(section(ok(technician.get("/tokens")), "tokens").contains("1 of 2"), "one use taken");
        assertTrue(audit().stream().anyMatch(entry -> entry.action().equals("token.create")
                && entry.actor().equals("t.lee") && !entry.detail().contains(token)), "audited, without the secret");

        HttpResponse<String> bad = technician.post("/tokens", "csrf", WebClient.csrf(form), "uses", "many", "days",
                "3");
        assertEquals(400, bad.statusCode());
        assertTrue(text(bad).contains("Uses 'many' is not a number from 1 to 10000"), bad.body());
        assertFalse(bad.body().contains("token-secret"));
    }

    @Test
    void revokingNeedsConfirmationIsRefusedOnHoldAndRefusesTheDevicesNextCheckIn() throws Exception {
        checkInTheFleet();
        WebClient technician = fixture.signIn(fixture.person("t.lee", Role.TECHNICAL));
        String confirm = ok(technician.get("/devices/" + office.id() + "/revoke"));
        assertTrue(confirm.contains("Revoke office-02?"), confirm);
        String csrf = csrfIn(confirm);
        String path = "/devices/" + office.id() + "/revoke?setting=" + TestConsole.SETTING;
        assertEquals(400, technician.post(path, "csrf", csrf).statusCode(), "not ticked: nothing revoked");
        checkIn(office, ON_PREMISES);

        var dsl = fixture.person("s.ahmed", Role.DSL).account().actingIn(TestConsole.SETTING);
        t.console.holds().place(dsl, t.console.devices().find(laptop.id()).orElseThrow(), "police to be consulted",
                false);
        HttpResponse<String> held = technician.post("/devices/" + laptop.id() + "/revoke", "csrf", csrf, "confirm",
                "yes");
        assertEquals(409, held.statusCode());
        assertTrue(held.body().contains("Nothing was revoked") && held.body().contains("is on hold"), held.body());
        checkIn(laptop, AT_HOME);

        HttpResponse<String> revoked = technician.post(path, "csrf", csrf, "confirm", "yes");
        assertEquals(303, revoked.statusCode(), revoked.body());
        String page = ok(technician.get(WebClient.location(revoked)));
        assertTrue(page.contains("The device is revoked") && page.contains("id=\"revoked\""), page);
        HttpResponse<String> refused = t.post(office.client(), AgentApi.CHECK_IN, body(List.of(), ON_PREMISES), null);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("device-revoked"), refused.body());
        assertTrue(audit().stream().anyMatch(entry -> entry.action().equals("device.revoke")
                && entry.target().equals("device " + office.id())));
    }

    @Test
    void checkNowAndTheSelfTestReachTheDeviceAtItsNextCheckIn() throws Exception {
        WebClient technician = fixture.signIn(fixture.person("t.lee", Role.TECHNICAL));
        String page = ok(technician.get("/devices/" + lab.id()));
        HttpResponse<String> queued = technician.post("/devices/" + lab.id() + "/check-now?setting="
                + TestConsole.SETTING, "csrf", csrfIn(page));
        assertEquals(303, queued.statusCode());
        assertTrue(ok(technician.get(WebClient.location(queued))).contains("Check now is queued"));
        t.clock.advance(Duration.ofSeconds(1));
        assertEquals(303, technician.post("/devices/" + lab.id() + "/self-test", "csrf", csrfIn(page))
                .statusCode());
        String commands = section(ok(technician.get("/devices/" + lab.id())), "commands");
        assertTrue(commands.contains("check-now") && commands.contains(SelfTest.COMMAND)
                && commands.contains("waiting for the device"), commands);

        CheckInResponse answer = checkIn(lab, ON_PREMISES);
        assertEquals(List.of("check-now", SelfTest.COMMAND), answer.commands().stream().map(c -> c.type())
                .filter(type -> type.equals("check-now") || type.equals(SelfTest.COMMAND)).toList());
        assertTrue(audit().stream().anyMatch(entry -> entry.action().equals("device.command")
                && entry.detail().contains("type=check-now")));
        assertTrue(audit().stream().anyMatch(entry -> entry.action().equals("self-test.request")));

        WebClient manager = fixture.signIn(fixture.person("m.jones", Role.MANAGER));
        String managerPage = ok(manager.get("/devices/" + lab.id()));
        assertFalse(managerPage.contains("id=\"check-now\""), "no technical actions for a manager");
        assertEquals(403, manager.post("/devices/" + lab.id() + "/check-now", "csrf", csrfIn(managerPage))
                .statusCode());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * Stores this many devices with four check results each, as enrolment and check-ins would leave them, in one
     * transaction: enrolling them one by one over TLS would take minutes and test nothing the other tests do not.
     */
    void seed(int count, Instant at) {
        t.console.database().transaction(connection -> {
            try (var device = connection.prepareStatement("INSERT INTO devices (id, setting_id, hostname, os_family, "
                    + "os_name, os_version, serial_number, hardware_uuid, enrolled_at, enrolment, last_seen_at) "
                    + "VALUES (?, ?, ?, 'linux', 'Ubuntu', '24.04', ?, ?, ?, 1, ?)");
                 var event = connection.prepareStatement("INSERT INTO events (device_id, enrolment, sequence, "
                         + "recorded_at, received_at, type, control, payload) VALUES (?, 1, ?, ?, ?, 'check-result', "
                         + "?, ?)");
                 // the projection the check-in path keeps, written alongside as that path would
                 var latest = connection.prepareStatement("INSERT INTO latest_results (device_id, control, "
                         + "enrolment, sequence, recorded_at, status, summary, clauses, setting_id) "
                         + "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    String id = java.util.UUID.randomUUID().toString();
                    device.setString(1, id);
                    device.setString(2, TestConsole.SETTING);
                    device.setString(3, String.format("pc-%04d", i));
                    device.setString(4, "SN-BULK-" + i);
                    device.setString(5, "uuid-bulk-" + i);
                    device.setLong(6, at.toEpochMilli());
                    device.setLong(7, at.toEpochMilli());
                    device.addBatch();
                    String[][] results = {{"encryption", i % 10 == 0 ? "FAIL" : "PASS"},
                            {"screen-lock", i % 4 == 0 ? "FAIL" : "PASS"}, {"firewall", "PASS"},
                            {"updates", i % 7 == 0 ? "UNKNOWN" : "PASS"}};
                    for (int r = 0; r < results.length; r++) {
                        event.setString(1, id);
                        event.setLong(2, r + 1);
                        event.setLong(3, at.toEpochMilli());
                        event.setLong(4, at.toEpochMilli());
                        event.setString(5, results[r][0]);
                        var payload = result(r + 1, results[r][0], results[r][1], at).payload();
                        event.setString(6, t.json.writeValueAsString(payload));
                        event.addBatch();
                        var clauses = payload.has("clauses") ? payload.get("clauses") : payload.get("clause");
                        latest.setString(1, id);
                        latest.setString(2, results[r][0]);
                        latest.setLong(3, r + 1);
                        latest.setLong(4, at.toEpochMilli());
                        latest.setString(5, results[r][1]);
                        latest.setString(6, payload.path("summary").asText(null));
                        latest.setString(7, clauses == null ? null : t.json.writeValueAsString(clauses));
                        latest.setString(8, TestConsole.SETTING);
                        latest.addBatch();
                    }
                }
                device.executeBatch();
                event.executeBatch();
                latest.executeBatch();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError(e);
            }
            return null;
        });
    }

    CheckInResponse checkIn(EnrolledDevice device, NetworkLocation location, Event... events) throws Exception {
        HttpResponse<String> response = t.post(device.client(), AgentApi.CHECK_IN, body(List.of(events), location),
                null);
        if (response.statusCode() != 200) {
            fail("check-in refused: " + response.statusCode() + " " + response.body());
        }
        return t.json.readValue(response.body(), CheckInResponse.class);
    }

    String body(List<Event> events, NetworkLocation location) throws Exception {
        return t.json.writeValueAsString(new CheckIn(events, location, 1, "test"));
    }

    static Event result(long sequence, String control, String status, Instant at) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("control", control).put("status", status)
                .put("summary", "encryption".equals(control) && "FAIL".equals(status) ? "Disk encryption is off"
                        : control + " is " + status);
        payload.putArray("evidence").addObject().put("item", "volume /").put("value", status);
        payload.putArray("clauses").addObject().put("section", "004").put("quote", "unless encrypted");
        return new Event(sequence, at, "check-result", payload);
    }

    List<AuditEntry> audit() {
        var admin = fixture.accounts.list().stream().filter(a -> a.name().equals("auditor")).findFirst()
                .orElseGet(() -> fixture.person("auditor", Role.ADMIN).account());
        return t.console.audit().read(admin.actingIn(TestConsole.SETTING), null, null, 1000, null).entries();
    }

    static String ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** The element with this id, from its tag to its first closing tag of the same name. */
    static String section(String page, String id) {
        int at = page.indexOf("id=\"" + id + "\"");
        assertTrue(at >= 0, "no element " + id + " on the page: " + page);
        int start = page.lastIndexOf('<', at);
        Matcher tag = Pattern.compile("<(\\w+)").matcher(page);
        assertTrue(tag.find(start));
        int end = page.indexOf("</" + tag.group(1) + ">", at);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    /** The CSRF token in the page's first form. */
    static String csrfIn(String page) {
        Matcher matcher = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(matcher.find(), "no CSRF field: " + page);
        return matcher.group(1);
    }

    /** The page's text with the entities the templates escape turned back into characters. */
    static String text(HttpResponse<String> response) {
        return response.body().replace("&#39;", "'").replace("&#x27;", "'").replace("&quot;", "\"")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The share shown in the row with this id. */
    static String cell(String page, String rowId) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(rowId) + "\">.*?<span class=\"share\">(\\d+%)</span>",
                Pattern.DOTALL).matcher(page);
        assertTrue(matcher.find(), "no share for " + rowId + ": " + page);
        return matcher.group(1);
    }

    static String row(LocalDate day, String share, int pass, int fail, int unknown) {
        return "<tr><th scope=\"row\">" + day + "</th><td>" + share + "</td><td>" + pass + "</td><td>" + fail
                + "</td><td>" + unknown + "</td></tr>";
    }

    static int count(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            count++;
        }
        return count;
    }

    /** The hostnames in the device list, in order. */
    static List<String> hostnames(String page) {
        List<String> names = new ArrayList<>();
        if (!page.contains("id=\"devices\"")) {
            return names;
        }
        Matcher matcher = Pattern.compile("<td><a href=\"/devices/[^\"]+\">([^<]+)</a></td>")
                .matcher(section(page, "devices"));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
