package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.nestguard.protocol.wire.Event;

/**
 * The latest-results projection is exactly what ranking the stored check results gives, whichever way the results
 * arrive (check-ins, re-sent, out of order, a new enrolment), and V11 fills it from the results already stored, on
 * both stores.
 */
class LatestResultsTest extends StoreTestBase {
    private Database database;
    private Devices devices;
    private Events events;
    private CheckIns checkIns;
    private LatestResults latest;
    private String a;
    private String b;

    private void openFleet(StoreKind kind) {
        database = open(kind);
        Settings settings = new Settings(database, clock);
        settings.add("ditton-junior", "Ditton CE Junior School");
        devices = new Devices(database, clock);
        events = new Events(database, clock);
        checkIns = new CheckIns(database, clock);
        latest = new LatestResults(database);
        a = devices.enrol("ditton-junior", DevicesTest.laptop("A", "SER-A", "uuid-a"), "s1").deviceId();
        b = devices.enrol("ditton-junior", DevicesTest.laptop("B", "SER-B", "uuid-b"), "s2").deviceId();
    }

    private Event result(long sequence, String control, String status) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("control", control).put("status", status)
                .put("summary", control + " is " + status);
        payload.putArray("clauses").addObject().put("section", "7.5").put("quote", "lock the screen");
        payload.putArray("evidence").addObject().put("item", "a large piece of evidence").put("value", "x");
        return new Event(sequence, clock.instant(), Events.CHECK_RESULT, payload);
    }

    private void checkIn(String deviceId, Event... batch) {
        checkIns.record(deviceId, List.of(batch), "10.63.4.20", null, 1024);
        clock.advance(Duration.ofMinutes(1));
    }

    /** What ranking every stored result gives (the dashboard's query before the projection), as the same text. */
    private List<String> ranked() {
        return events.latestResultsIn("ditton-junior").stream().map(event -> event.deviceId() + " "
                + event.control() + " #" + event.enrolment() + "." + event.sequence() + " "
                + event.payload().get("status").asText() + " " + summary(event.payload().get("status").asText(),
                event.payload().path("summary").asText(null))).toList();
    }

    private List<String> projected() {
        return latest.inSetting("ditton-junior").stream().map(result -> result.deviceId() + " " + result.control()
                + " #" + result.enrolment() + "." + result.sequence() + " " + result.status() + " "
                + summary(result.status(), result.summary())).toList();
    }

    // the setting-wide read leaves a passing result's summary out
    private static String summary(String status, String summary) {
        return "PASS".equals(status) || summary == null ? "-" : summary;
    }

    @StoreTest
    void theProjectionFollowsEveryCheckInExactlyAsRankingTheStoredResultsWould(StoreKind kind) {
        openFleet(kind);
        checkIn(a, result(1, "encryption", "FAIL"), result(2, "screen-lock", "PASS"));
        checkIn(b, result(1, "encryption", "PASS"));
        assertEquals(ranked(), projected());

        // a newer result replaces the row; a re-sent older one, or one arriving after a gap is filled, does not
        checkIn(a, result(4, "encryption", "PASS"));
        checkIn(a, result(1, "encryption", "FAIL"), result(3, "encryption", "FAIL"));
        events.append(b, List.of(result(2, "screen-lock", "FAIL"), result(1, "encryption", "FAIL")));
        assertEquals(ranked(), projected());
        assertEquals(List.of(a + " encryption #1.4 PASS -", a + " screen-lock #1.2 PASS -"), projected().stream().filter(row -> row.startsWith(a)).toList());

        // the device is wiped and enrols again: its sequences start at 1, and they are newer than the old ones
        clock.advance(Duration.ofDays(30));
        devices.enrol("ditton-junior", DevicesTest.laptop("A", "SER-A", "uuid-a"), "s3");
        checkIn(a, result(1, "encryption", "FAIL"));
        assertEquals(ranked(), projected());
        assertEquals(a + " encryption #2.1 FAIL encryption is FAIL", projected().get(
                a.compareTo(b) < 0 ? 0 : 2));
    }

    @StoreTest
    void theStoreCountsEachControlsStatusesAndPicksTheFirstFailingDevicesByHostname(StoreKind kind) {
        openFleet(kind);
        String c = devices.enrol("ditton-junior", DevicesTest.laptop("0-first", "SER-C", "uuid-c"), "s3").deviceId();
        String never = devices.enrol("ditton-junior", DevicesTest.laptop("D", "SER-D", "uuid-d"), "s4").deviceId();
        new Settings(database, clock).add("elsewhere", "Another school");
        String other = devices.enrol("elsewhere", DevicesTest.laptop("E", "SER-E", "uuid-e"), "s5").deviceId();
        checkIn(a, result(1, "encryption", "FAIL"), result(2, "screen-lock", "fail"));
        checkIn(b, result(1, "encryption", "FAIL"), result(2, "screen-lock", "PASS"));
        checkIn(c, result(1, "encryption", "FAIL"), result(2, "encryption", "PASS"), result(3, "firewall", "FAIL"));
        checkIn(other, result(1, "encryption", "FAIL"));

        assertEquals(List.of("encryption FAIL 2", "encryption PASS 1", "firewall FAIL 1", "screen-lock FAIL 1",
                "screen-lock PASS 1"), latest.statusCounts("ditton-junior").stream()
                .map(count -> count.control() + " " + count.status() + " " + count.devices()).sorted().toList(),
                "newest result per device and control, of this setting's devices only; statuses in upper case");
        assertEquals(List.of("encryption " + a, "firewall " + c, "screen-lock " + a),
                latest.firstFailing("ditton-junior", 1).stream().map(r -> r.control() + " " + r.deviceId()).toList(),
                "one per control, the first hostname (A before B); c passes encryption now");
        assertEquals(List.of("encryption " + a, "encryption " + b, "firewall " + c, "screen-lock " + a),
                latest.firstFailing("ditton-junior", 50).stream().map(r -> r.control() + " " + r.deviceId())
                        .toList());
        assertEquals("encryption is FAIL", latest.firstFailing("ditton-junior", 1).get(0).summary(),
                "a failing result keeps the summary a page shows");

        assertEquals(List.of(a + " FAIL", b + " FAIL"), devices.seenWithoutPass("ditton-junior", "encryption")
                .stream().map(found -> found.device().id() + " " + found.statusOrNull()).toList(),
                "c passes; D never checked in; E is another setting's");
        assertEquals(List.of(c + " null", a + " null"), devices.seenWithoutPass("ditton-junior", "antivirus")
                .stream().filter(found -> !found.device().id().equals(b))
                .map(found -> found.device().id() + " " + found.statusOrNull()).toList(),
                "a device that never reported the control is included, with no status");
        assertEquals(4, devices.countInSetting("ditton-junior"));
        assertEquals(List.of(a, b), devices.inSettingWhere("ditton-junior", "encryption", null, null).stream()
                .map(Device::id).toList(), "failing encryption now, by hostname");
        assertEquals(List.of(c, a, b, never), devices.inSettingWhere("ditton-junior", null, clock.instant(), null)
                .stream().map(Device::id).toList(), "none has checked in since now");
        assertEquals(List.of(a, never), devices.inSettingWhere("ditton-junior", null,
                clock.instant().minus(Duration.ofSeconds(210)), null).stream().map(Device::id).toList(),
                "A checked in first, a minute before the others; D never did: counted from its enrolment");
        assertEquals(List.of(), devices.inSettingWhere("ditton-junior", "encryption", null, "Windows 11"),
                "an OS's exact name");
        assertEquals(List.of(a, b), devices.inSettingWhere("ditton-junior", "encryption", null, "Windows 11 Pro")
                .stream().map(Device::id).toList());
        assertEquals(List.of("Windows 11 Pro"), devices.operatingSystems("ditton-junior"));
        assertEquals(java.util.Map.of(a, List.of("encryption", "screen-lock"), c, List.of("firewall")),
                latest.failingControls(List.of(a, c, never)));

        // b is wiped and enrolled into the other setting: its results are counted there, before it checks in again
        devices.enrol("elsewhere", DevicesTest.laptop("B", "SER-B", "uuid-b"), "s6");
        assertEquals(List.of("encryption FAIL 1", "encryption PASS 1", "firewall FAIL 1", "screen-lock FAIL 1"),
                latest.statusCounts("ditton-junior").stream().map(count -> count.control() + " " + count.status()
                        + " " + count.devices()).sorted().toList());
        assertEquals(List.of("encryption FAIL 2", "screen-lock PASS 1"), latest.statusCounts("elsewhere").stream()
                .map(count -> count.control() + " " + count.status() + " " + count.devices()).sorted().toList());
        assertEquals(List.of(never), devices.withIds(List.of(never, "no-such-device", never)).stream()
                .map(Device::id).toList());
    }

    @StoreTest
    void aFailingResultCarriesItsSummaryAndClausesAndAPassingOneOnlyItsStatus(StoreKind kind) {
        openFleet(kind);
        checkIn(a, result(1, "encryption", "FAIL"), result(2, "screen-lock", "PASS"));
        List<LatestResult> results = latest.of(a);
        assertEquals("encryption is FAIL", results.get(0).summary());
        assertEquals("7.5", results.get(0).clausesOrNull().get(0).get("section").asText());
        LatestResult passing = latest.inSetting("ditton-junior").stream()
                .filter(result -> result.control().equals("screen-lock")).findFirst().orElseThrow();
        assertEquals("PASS", passing.status());
        assertNull(passing.summary(), "the setting-wide read leaves out what no page shows for a pass");
    }

    @StoreTest
    void migrationElevenFillsTheProjectionFromTheResultsAlreadyStored(StoreKind kind) throws Exception {
        openFleet(kind);
        checkIn(a, result(1, "encryption", "FAIL"), result(2, "screen-lock", "PASS"), result(3, "encryption", "PASS"));
        checkIn(b, result(1, "encryption", "FAIL"));
        Event unclaused = new Event(2, clock.instant(), Events.CHECK_RESULT, JsonNodeFactory.instance.objectNode()
                .put("control", "firewall").put("status", "FAIL").put("clause", "§11.4 plain text"));
        checkIn(b, unclaused);
        List<LatestResult> before = latest.inSetting("ditton-junior");
        // back to V10 with the results stored, as a console upgraded to V11 finds them (later versions are re-run:
        // Flyway refuses a store whose applied versions skip a missing one)
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DROP TABLE latest_results");
                statement.executeUpdate("DELETE FROM flyway_schema_history WHERE installed_rank >= (SELECT "
                        + "installed_rank FROM flyway_schema_history WHERE version = '11')");
            }
            return null;
        });
        LatestResults refilled = new LatestResults(reopen());
        assertEquals(before, refilled.inSetting("ditton-junior"));
        assertEquals("§11.4 plain text", refilled.of(b).get(1).clausesOrNull().asText());
        assertEquals(ranked(), projected());
    }
}
