package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.evidence.EvidenceArchive;
import org.nestguard.console.evidence.OpenedEvidence;
import org.nestguard.console.server.FlaggedFilesFixture.Sealed;
import org.nestguard.console.server.TestConsole.EnrolledDevice;
import org.nestguard.console.store.DeviceHold;
import org.nestguard.console.store.DeviceOnHoldException;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.files.HoldStatus;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.files.MediaCount;
import org.nestguard.protocol.files.OutingReadiness;
import org.nestguard.protocol.files.QuarantineChange;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.CheckInResponse;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.EnrollmentRequest;
import org.nestguard.protocol.wire.Event;
import org.slf4j.LoggerFactory;

/**
 * Flagged files over real HTTPS and mutual TLS: projection, routing and roles, the DSL's decisions, holds, outings,
 * the release key's path, and police evidence from export to an opened, verified file.
 */
abstract class FlaggedFilesApiTest {
    static final String SETTING = TestConsole.SETTING;
    static final byte[] PUPIL_FILE = "pupil file bytes: not for the console".getBytes(StandardCharsets.UTF_8);
    static final byte[] STAFF_FILE = "staff file bytes: not for the console".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    TestConsole t;
    EnrolledDevice device;
    long sequence;
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
        // the subject of a staff flag, who is also a manager: never sees it
        keys.put("subject", key("John Smith", SETTING, List.of("jsmith"), Role.MANAGER, Role.DSL));
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

    Sealed pupilItem() throws Exception {
        Sealed sealed = FlaggedFilesFixture.seal("pupil-amy", "photo.jpg", PUPIL_FILE,
                t.console.evidenceKey().publicKey());
        checkIn(FlaggedFilesFixture.flagged(++sequence, sealed), FlaggedFilesFixture.isolated(++sequence, sealed,
                null));
        return sealed;
    }

    Sealed staffItem() throws Exception {
        Sealed sealed = FlaggedFilesFixture.seal("jsmith", "img.png", STAFF_FILE,
                t.console.evidenceKey().publicKey());
        checkIn(FlaggedFilesFixture.flagged(++sequence, sealed), FlaggedFilesFixture.isolated(++sequence, sealed,
                null));
        return sealed;
    }

    CheckInResponse checkIn(Event... events) throws Exception {
        HttpResponse<String> response = checkInRaw(device.client(), events);
        if (response.statusCode() != 200) {
            fail("check-in refused: " + response.statusCode() + " " + response.body());
        }
        return t.json.readValue(response.body(), CheckInResponse.class);
    }

    HttpResponse<String> checkInRaw(HttpClient client, Event... events) throws Exception {
        return t.post(client, AgentApi.CHECK_IN, t.json.writeValueAsString(new CheckIn(List.of(events), null, 1,
                "test")), null);
    }

    HttpResponse<String> post(String path, String body, String role) throws Exception {
        return t.post(t.enrolmentClient(), path, body, keys.get(role));
    }

    /** The console's id of the only item the DSL sees. */
    String onlyItem(String role) throws Exception {
        JsonNode items = t.tree(t.get("/api/v1/quarantine", keys.get(role)));
        assertEquals(1, items.size(), items.toString());
        return items.get(0).get("id").asText();
    }

    static List<Command> ofType(CheckInResponse response, String type) {
        return response.commands().stream().filter(c -> c.type().equals(type)).toList();
    }

    void assertRefused(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, t.tree(response).get("code").asText(), response.body());
    }

    /** Every text column of every table, joined: where a secret must not be. */
    String everyTableText() {
        return t.console.database().read(connection -> {
            StringBuilder all = new StringBuilder();
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.contains("quarantine_items"), tables.toString());
            for (String table : tables) {
                try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table);
                     ResultSet row = select.executeQuery()) {
                    ResultSetMetaData meta = row.getMetaData();
                    while (row.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            all.append(row.getString(i)).append('\n');
                        }
                    }
                }
            }
            return all.toString();
        });
    }

    List<String> auditActions() {
        return t.console.database().read(connection -> {
            List<String> actions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT action FROM audit_log ORDER BY id");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    actions.add(row.getString(1));
                }
            }
            return actions;
        });
    }

    @Test
    void eachEventIsProjectedOnceAsMetadataOnly() throws Exception {
        Sealed sealed = FlaggedFilesFixture.seal("pupil-amy", "photo.jpg", PUPIL_FILE,
                t.console.evidenceKey().publicKey());
        Event flag = FlaggedFilesFixture.flagged(1, sealed);
        Event isolated = FlaggedFilesFixture.isolated(2, sealed, null);
        checkIn(flag, isolated);
        checkIn(flag, isolated); // the answer was lost: the agent sends the same events again
        JsonNode flags = t.tree(t.get("/api/v1/file-flags", keys.get("dsl"))).get("flags");
        assertEquals(1, flags.size(), flags.toString());
        assertEquals(sealed.item().facts().sha256(), flags.get(0).get("facts").get("sha256").asText());
        assertEquals("learner", flags.get(0).get("accountKind").asText());
        assertEquals(1, t.tree(t.get("/api/v1/file-flags?source=hash-list", keys.get("dsl"))).get("flags").size());
        assertEquals(0, t.tree(t.get("/api/v1/file-flags?source=place", keys.get("dsl"))).get("flags").size());
        assertRefused(t.get("/api/v1/file-flags?source=hashes", keys.get("dsl")), 400, "malformed-request");
        String id = onlyItem("dsl");
        assertEquals(id, flags.get(0).get("quarantineItemId").asText(), "the flag leads to the item it became");

        // content offered by a payload is refused with the whole check-in, not stored
        ObjectNode withContent = (ObjectNode) flag.payload().deepCopy();
        withContent.put("flagId", "another");
        withContent.put("content", Base64.getEncoder().encodeToString(PUPIL_FILE));
        HttpResponse<String> refused = checkInRaw(device.client(), new Event(3, flag.recordedAt(), flag.type(),
                withContent));
        assertRefused(refused, 400, "malformed-request");
        assertTrue(refused.body().contains("content"), refused.body());
        assertEquals(1, t.tree(t.get("/api/v1/file-flags", keys.get("dsl"))).get("flags").size());

        String detail = t.get("/api/v1/quarantine/" + id, keys.get("dsl")).body();
        JsonNode item = t.json.readTree(detail).get("item");
        assertEquals("isolated", item.get("state").asText());
        assertTrue(item.get("keyHeld").asBoolean());
        assertEquals(sealed.item().facts().md5(), item.get("facts").get("md5").asText());
        assertFalse(detail.contains(sealed.item().wrappedKey()), "the wrapped key is not shown: " + detail);
        assertFalse(everyTableText().contains(new String(PUPIL_FILE, StandardCharsets.UTF_8)));
    }

    @Test
    void rolesAndRouting() throws Exception {
        pupilItem();
        staffItem();
        for (String role : List.of("admin", "technical")) {
            for (String path : List.of("/api/v1/file-flags", "/api/v1/quarantine")) {
                assertRefused(t.get(path, keys.get(role)), 403, "role-required");
            }
        }
        JsonNode dslFlags = t.tree(t.get("/api/v1/file-flags", keys.get("dsl"))).get("flags");
        assertEquals(1, dslFlags.size());
        assertEquals("pupil-amy", dslFlags.get(0).get("facts").get("account").asText());
        JsonNode managerFlags = t.tree(t.get("/api/v1/file-flags", keys.get("headteacher"))).get("flags");
        assertEquals(1, managerFlags.size());
        assertEquals("jsmith", managerFlags.get(0).get("facts").get("account").asText());
        assertEquals("staff", managerFlags.get(0).get("accountKind").asText());
        assertEquals(1, t.tree(t.get("/api/v1/file-flags?account=JSMITH", keys.get("manager"))).get("flags").size());
        // the subject sees neither their own flag nor their own item, though they are manager and DSL
        JsonNode subjectFlags = t.tree(t.get("/api/v1/file-flags", keys.get("subject"))).get("flags");
        assertEquals(1, subjectFlags.size());
        assertEquals("pupil-amy", subjectFlags.get(0).get("facts").get("account").asText());
        String staffItem = onlyItem("manager");
        assertRefused(t.get("/api/v1/quarantine/" + staffItem, keys.get("subject")), 404, "quarantine-unknown");
        assertRefused(t.get("/api/v1/quarantine/" + staffItem, keys.get("dsl")), 404, "quarantine-unknown");
        String pupilItem = onlyItem("deputy-dsl");
        assertRefused(t.get("/api/v1/quarantine/" + pupilItem, keys.get("manager")), 404, "quarantine-unknown");
        assertRefused(post("/api/v1/quarantine/" + pupilItem + "/release", "{\"justification\":\"x\"}", "manager"),
                404, "quarantine-unknown");
        assertRefused(post("/api/v1/quarantine/" + pupilItem + "/release", "{\"justification\":\"x\"}",
                "technical"), 403, "role-required");

        String dev = "/api/v1/devices/" + device.id();
        String isolate = "{\"path\":\"/home/pupil-bob/Downloads/x.exe\",\"justification\":\"reported by a pupil\"}";
        assertRefused(post(dev + "/isolate", isolate, "manager"), 403, "role-required");
        assertRefused(post(dev + "/isolate", isolate, "technical"), 403, "role-required");
        assertEquals(201, post(dev + "/isolate", isolate, "deputy-dsl").statusCode());
        assertRefused(post(dev + "/isolate", "{\"path\":\"/home/a/../b\",\"justification\":\"j\"}", "dsl"), 400,
                "malformed-request");
        assertRefused(post(dev + "/isolate", "{\"path\":\"Downloads/x\",\"justification\":\"j\"}", "dsl"), 400,
                "malformed-request");
        assertRefused(post(dev + "/isolate", "{\"sha256\":\"abc\",\"justification\":\"j\"}", "dsl"), 400,
                "malformed-request");
        assertRefused(post(dev + "/isolate", "{\"path\":\"/x\",\"sha256\":\"" + "a".repeat(64)
                + "\",\"justification\":\"j\"}", "dsl"), 400, "malformed-request");
        assertRefused(post(dev + "/outing-check", "", "dsl"), 403, "role-required");
        assertRefused(post(dev + "/hold", "{\"reason\":\"r\",\"lock\":false}", "technical"), 403, "role-required");
        List<Command> isolations = ofType(checkIn(), FileCommands.ISOLATE);
        assertEquals(1, isolations.size());
        assertEquals("/home/pupil-bob/Downloads/x.exe", isolations.get(0).payload().get("path").asText());
    }

    @Test
    void theReleaseKeyTravelsOnlyInTheCheckInAnswer() throws Exception {
        Logger nestguard = (Logger) LoggerFactory.getLogger("org.nestguard");
        Level before = nestguard.getLevel();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        nestguard.addAppender(logged);
        nestguard.setLevel(Level.ALL);
        try {
            Sealed sealed = pupilItem();
            String id = onlyItem("dsl");
            assertRefused(post("/api/v1/quarantine/" + id + "/release", "{}", "dsl"), 400, "malformed-request");
            HttpResponse<String> ordered = post("/api/v1/quarantine/" + id + "/release",
                    "{\"justification\":\"a holiday photo, nothing of concern\"}", "dsl");
            assertEquals(201, ordered.statusCode(), ordered.body());
            assertRefused(post("/api/v1/quarantine/" + id + "/release", "{\"justification\":\"again\"}", "dsl"),
                    409, "state-conflict");
            List<Command> releases = ofType(checkIn(), FileCommands.RELEASE);
            assertEquals(1, releases.size());
            String itemKey = releases.get(0).payload().get("itemKey").asText();
            assertArrayEquals(sealed.key().getEncoded(), Base64.getDecoder().decode(itemKey),
                    "the agent receives the item's own key");
            assertEquals(sealed.itemId(), releases.get(0).payload().get("itemId").asText());

            String stored = everyTableText();
            String hexKey = HexFormat.of().formatHex(sealed.key().getEncoded());
            assertFalse(stored.contains(itemKey), "the clear key is in a table");
            assertFalse(stored.toLowerCase().contains(hexKey), "the clear key is in a table (hex)");
            assertTrue(stored.contains(sealed.item().wrappedKey()), "the wrapped key is kept for later decisions");

            checkIn(FlaggedFilesFixture.change(++sequence, new QuarantineChange(sealed.itemId(),
                    QuarantineChange.Action.RELEASED, null, releases.get(0).id(), "restored")),
                    FlaggedFilesFixture.event(++sequence, "command-result", Map.of("commandId", releases.get(0).id(),
                            "status", "done")));
            assertEquals("released", t.tree(t.get("/api/v1/quarantine/" + id, keys.get("dsl"))).get("item")
                    .get("state").asText());
            assertTrue(ofType(checkIn(), FileCommands.RELEASE).isEmpty());
            for (ILoggingEvent event : logged.list) {
                String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : event.getThrowableProxy().getMessage());
                assertFalse(line.contains(itemKey) || line.toLowerCase().contains(hexKey), "logged: " + line);
            }
            assertTrue(auditActions().containsAll(List.of("quarantine.list", "quarantine.read",
                    "quarantine.release")), auditActions().toString());
            assertTrue(t.console.audit().verify().intact());
        } finally {
            nestguard.detachAppender(logged);
            nestguard.setLevel(before);
        }
    }

    @Test
    void destroyNeedsBothConfirmationsAndThenForgetsTheKey() throws Exception {
        Sealed sealed = pupilItem();
        String id = onlyItem("dsl");
        String path = "/api/v1/quarantine/" + id + "/destroy";
        for (String body : List.of("{\"justification\":\"j\"}",
                "{\"justification\":\"j\",\"noOtherAgencyNeeded\":true}",
                "{\"justification\":\"j\",\"noOtherAgencyNeeded\":true,\"noRiskToChildOrInvestigation\":false}",
                "{\"justification\":\"j\",\"noOtherAgencyNeeded\":false,\"noRiskToChildOrInvestigation\":true}")) {
            HttpResponse<String> refused = post(path, body, "dsl");
            assertRefused(refused, 400, "malformed-request");
            assertTrue(refused.body().contains("both confirmations"), refused.body());
        }
        assertTrue(ofType(checkIn(), FileCommands.DESTROY).isEmpty(), "nothing was ordered");
        assertEquals(201, post(path, "{\"justification\":\"duplicate of a known meme\",\"noOtherAgencyNeeded\":true,"
                + "\"noRiskToChildOrInvestigation\":true}", "dsl").statusCode());
        List<Command> destroys = ofType(checkIn(), FileCommands.DESTROY);
        assertEquals(1, destroys.size());
        assertTrue(destroys.get(0).payload().get("noOtherAgencyNeeded").asBoolean());
        assertTrue(destroys.get(0).payload().get("noRiskToChildOrInvestigation").asBoolean());
        assertTrue(everyTableText().contains(sealed.item().wrappedKey()));

        checkIn(FlaggedFilesFixture.change(++sequence, new QuarantineChange(sealed.itemId(),
                QuarantineChange.Action.DESTROYED, null, destroys.get(0).id(), "key and ciphertext destroyed")));
        JsonNode detail = t.tree(t.get("/api/v1/quarantine/" + id, keys.get("dsl")));
        assertEquals("destroyed", detail.get("item").get("state").asText());
        assertFalse(detail.get("item").get("keyHeld").asBoolean());
        assertFalse(everyTableText().contains(sealed.item().wrappedKey()),
                "the console's copy of the wrapped key is gone, from the item and from the event that carried it");
        JsonNode decision = detail.get("decisions").get(0);
        assertEquals("destroy", decision.get("decision").asText());
        assertEquals("Ruth DSL", decision.get("byName").asText());
        assertEquals("duplicate of a known meme", decision.get("justification").asText());
        assertEquals(List.of("destroyed"), List.of(detail.get("changes").get(1).get("action").asText()));
    }

    @Test
    void aHoldRefusesEverythingUntilPoliceAdviceIsRecorded() throws Exception {
        pupilItem();
        String id = onlyItem("dsl");
        String dev = "/api/v1/devices/" + device.id();
        assertEquals(201, post("/api/v1/quarantine/" + id + "/release", "{\"justification\":\"j\"}", "dsl")
                .statusCode());
        assertRefused(post(dev + "/hold", "{\"lock\":true}", "manager"), 400, "malformed-request");
        assertRefused(post(dev + "/hold", "{\"reason\":\"r\"}", "manager"), 400, "malformed-request");
        HttpResponse<String> held = post(dev + "/hold", "{\"reason\":\"suspected indecent image\",\"lock\":true}",
                "manager");
        assertEquals(201, held.statusCode(), held.body());
        String holdId = t.tree(held).get("id").asText();
        assertRefused(post(dev + "/hold", "{\"reason\":\"again\",\"lock\":false}", "dsl"), 409, "state-conflict");

        CheckInResponse answer = checkIn();
        assertTrue(ofType(answer, FileCommands.RELEASE).isEmpty(), "the release ordered before the hold is withdrawn");
        List<Command> holds = ofType(answer, FileCommands.HOLD);
        assertEquals(1, holds.size());
        assertEquals(holdId, holds.get(0).payload().get("holdId").asText());
        assertTrue(holds.get(0).payload().get("lock").asBoolean());
        checkIn(FlaggedFilesFixture.event(++sequence, HoldStatus.TYPE, new HoldStatus(holdId, true,
                List.of("pupil-amy"), List.of(), "locked")));
        DeviceHold recorded = t.console.holds().current(device.id()).orElseThrow();
        assertEquals(Boolean.TRUE, recorded.agentActive());
        assertEquals(List.of("pupil-amy"), recorded.lockedAccounts());

        String destroy = "{\"justification\":\"j\",\"noOtherAgencyNeeded\":true,\"noRiskToChildOrInvestigation\":true}";
        List<HttpResponse<String>> refusals = List.of(
                post("/api/v1/quarantine/" + id + "/release", "{\"justification\":\"j\"}", "dsl"),
                post("/api/v1/quarantine/" + id + "/destroy", destroy, "dsl"),
                post(dev + "/outing-check", "", "manager"));
        for (HttpResponse<String> refusal : refusals) {
            assertRefused(refusal, 409, "device-on-hold");
            assertTrue(refusal.body().contains("until police advice has been recorded"), refusal.body());
        }
        DeviceOnHoldException revoke = assertThrows(DeviceOnHoldException.class,
                () -> t.console.devices().revoke(device.id()));
        assertTrue(revoke.getMessage().contains("police advice"), revoke.getMessage());
        String token = t.token(1);
        HttpResponse<String> reEnrol = t.post(t.enrolmentClient(), AgentApi.ENROLL, t.json.writeValueAsString(
                new EnrollmentRequest(token, org.nestguard.protocol.crypto.DeviceKeys.generate()
                        .certificationRequestPem("class-1"), TestConsole.facts("class-1", "SN-1"))), null);
        assertRefused(reEnrol, 409, "device-on-hold");
        assertNotNull(t.enrol(token, TestConsole.facts("class-9", "SN-9")), "the refusal spent no token use");

        String lift = dev + "/hold/lift";
        assertRefused(post(lift, "{\"justification\":\"advice taken\"}", "manager"), 400, "malformed-request");
        assertRefused(post(lift, "{\"policeAdvice\":{\"adviser\":\"PC Jones\",\"at\":\"2026-01-12T09:00:00Z\"},"
                + "\"justification\":\"j\"}", "manager"), 400, "malformed-request");
        assertRefused(post(lift, "{\"policeAdvice\":{\"adviser\":\"PC Jones\",\"at\":\"2026-01-12T09:00:00Z\","
                + "\"outcome\":\"no further action\"}}", "manager"), 400, "malformed-request");
        assertTrue(t.console.holds().current(device.id()).isPresent(), "still on hold");
        HttpResponse<String> lifted = post(lift, "{\"policeAdvice\":{\"adviser\":\"PC Jones, Kent Police\","
                + "\"at\":\"" + t.clock.instant().minusSeconds(60) + "\",\"outcome\":\"no further action\"},"
                + "\"justification\":\"police advise no further action\"}", "dsl");
        assertEquals(200, lifted.statusCode(), lifted.body());
        assertEquals("PC Jones, Kent Police", t.tree(lifted).get("policeAdvice").get("adviser").asText());
        assertEquals(1, ofType(checkIn(), FileCommands.LIFT_HOLD).size());
        assertRefused(post(lift, "{\"policeAdvice\":{\"adviser\":\"a\",\"at\":\"2026-01-12T09:00:00Z\","
                + "\"outcome\":\"o\"},\"justification\":\"j\"}", "dsl"), 409, "state-conflict");
        assertEquals(201, post("/api/v1/quarantine/" + id + "/release", "{\"justification\":\"j\"}", "dsl")
                .statusCode());
        JsonNode history = t.tree(t.get(dev + "/holds", keys.get("headteacher")));
        assertEquals(1, history.size());
        assertEquals("Mo Manager", history.get(0).get("placedBy").asText());
        assertEquals("no further action", history.get(0).get("policeAdvice").get("outcome").asText());
        assertEquals("police advise no further action", history.get(0).get("liftJustification").asText());
        assertRefused(t.get(dev + "/holds", keys.get("technical")), 403, "role-required");
        assertTrue(auditActions().containsAll(List.of("hold.place", "hold.lift", "hold.read")),
                auditActions().toString());
    }

    @Test
    void policeEvidenceFromPreservationToAVerifiedFile() throws Exception {
        Sealed sealed = pupilItem();
        String id = onlyItem("dsl");
        String item = "/api/v1/quarantine/" + id;
        KeyPair police = rsa(3072);
        String exportBody = "{\"recipientPublicKeyPem\":" + t.json.writeValueAsString(Pem.write(police.getPublic()))
                + ",\"justification\":\"requested by Kent Police\"}";
        HttpResponse<String> early = post(item + "/export", exportBody, "dsl");
        assertRefused(early, 409, "state-conflict");
        assertTrue(early.body().contains("police reference"), early.body());
        assertRefused(post(item + "/preserve", "{\"justification\":\"j\"}", "dsl"), 400, "malformed-request");
        assertEquals(201, post(item + "/preserve", "{\"policeReference\":\"KP-2026-0117\",\"justification\":"
                + "\"police investigation\"}", "dsl").statusCode());
        t.clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> weak = post(item + "/export", "{\"recipientPublicKeyPem\":"
                + t.json.writeValueAsString(Pem.write(rsa(2048).getPublic())) + ",\"justification\":\"j\"}", "dsl");
        assertRefused(weak, 400, "recipient-key-refused");
        assertTrue(weak.body().contains("2048") && weak.body().contains("3072"), weak.body());
        HttpResponse<String> ordered = post(item + "/export", exportBody, "dsl");
        assertEquals(201, ordered.statusCode(), ordered.body());
        String exportId = t.tree(ordered).get("id").asText();
        t.clock.advance(Duration.ofMinutes(1));
        assertEquals(201, post(item + "/viewings", "{\"justification\":\"had to confirm the category\"}", "dsl")
                .statusCode());

        List<Command> orders = ofType(checkIn(), FileCommands.EXPORT_EVIDENCE);
        assertEquals(1, orders.size());
        JsonNode order = orders.get(0).payload();
        assertEquals(exportId, order.get("exportId").asText());
        assertEquals("KP-2026-0117", order.get("policeReference").asText());
        assertArrayEquals(sealed.key().getEncoded(), KeyWrap.unwrap(order.get("recipientWrappedKey").asText(),
                police.getPrivate()).getEncoded(), "the recipient's key opens the item key");
        byte[] archive = FlaggedFilesFixture.archive(sealed, order.get("recipientWrappedKey").asText(),
                "KP-2026-0117");

        String upload = AgentApi.EVIDENCE + exportId;
        EnrolledDevice other = t.enrol(t.token(1), TestConsole.facts("class-2", "SN-2"));
        assertRefused(put(other.client(), upload, archive), 403, "export-not-yours");
        assertRefused(put(t.enrolmentClient(), upload, archive), 401, "client-certificate-required");
        assertRefused(put(device.client(), upload, "not a zip".getBytes(StandardCharsets.UTF_8)), 400,
                "archive-refused");
        HttpResponse<String> tooBig = put(device.client(), upload, new byte[(int) (sealed.sealed().length
                + org.nestguard.console.store.EvidenceExports.ARCHIVE_OVERHEAD_BYTES + 1)]);
        assertRefused(tooBig, 413, "archive-refused");
        assertRefused(t.get("/api/v1/evidence/" + exportId, keys.get("dsl")), 409, "state-conflict");
        HttpResponse<String> stored = put(device.client(), upload, archive);
        assertEquals(201, stored.statusCode(), stored.body());
        assertRefused(put(device.client(), upload, archive), 409, "export-uploaded");

        assertEquals(404, download(exportId, "manager").statusCode(), "a learner's item is not the manager's");
        assertEquals(403, download(exportId, "technical").statusCode());
        HttpResponse<byte[]> downloaded = download(exportId, "deputy-dsl");
        assertEquals(200, downloaded.statusCode());
        Map<String, byte[]> parts = unzip(downloaded.body());
        assertEquals(List.of("custody.json", "item.key", "item.ngv", "manifest.json"),
                parts.keySet().stream().sorted().toList());
        JsonNode custody = t.json.readTree(parts.get("custody.json"));
        List<String> decisions = new ArrayList<>();
        custody.get("decisions").forEach(d -> decisions.add(d.get("decision").asText()));
        assertEquals(List.of("preserve", "export", "viewing"), decisions);
        List<String> audited = new ArrayList<>();
        custody.get("audit").forEach(a -> audited.add(a.get("action").asText()));
        assertTrue(audited.containsAll(List.of("quarantine.preserve", "quarantine.export", "quarantine.viewing",
                "evidence.upload", "evidence.download")), audited.toString());

        Path zip = temp.resolve("evidence.zip");
        Files.write(zip, downloaded.body());
        OpenedEvidence opened = EvidenceArchive.open(zip, police.getPrivate(), temp.resolve("out"));
        assertArrayEquals(PUPIL_FILE, Files.readAllBytes(opened.file()));
        assertEquals(temp.resolve("out").resolve("photo.jpg"), opened.file());
        assertEquals(sealed.item().facts().sha256(), opened.sha256());
        assertNotNull(opened.custodyJson());
    }

    @Test
    void everyDeviceIsGivenTheEvidenceKeyOnce() throws Exception {
        assertEquals(t.console.evidenceKey().publicKeyPem(), device.enrolment().evidenceKeyPem());
        assertEquals(0, t.console.sendEvidenceKeyWhereStale(), "enrolment gave it the key");
        t.console.database().transaction(connection -> {
            try (PreparedStatement forget = connection.prepareStatement(
                    "UPDATE devices SET evidence_key_fingerprint = NULL")) {
                return forget.executeUpdate();
            }
        });
        assertEquals(1, t.console.sendEvidenceKeyWhereStale(), "a device enrolled before the key existed");
        assertEquals(0, t.console.sendEvidenceKeyWhereStale(), "once");
        List<Command> sent = ofType(checkIn(), FileCommands.EVIDENCE_KEY);
        assertEquals(1, sent.size());
        assertEquals(t.console.evidenceKey().fingerprint(), KeyWrap.fingerprint(Pem.readPublicKey(
                sent.get(0).payload().get("publicKeyPem").asText(), "command")));
    }

    @Test
    void outingReadinessIsAskedByManagersAndAnsweredByTheDevice() throws Exception {
        String dev = "/api/v1/devices/" + device.id();
        assertRefused(t.get(dev + "/outing", keys.get("manager")), 404, "outing-unknown");
        HttpResponse<String> asked = post(dev + "/outing-check", "", "headteacher");
        assertEquals(201, asked.statusCode(), asked.body());
        assertEquals("waiting", t.tree(asked).get("status").asText());
        List<Command> queries = ofType(checkIn(), FileCommands.OUTING_CHECK);
        assertEquals(1, queries.size());
        String requestId = queries.get(0).payload().get("requestId").asText();
        checkIn(FlaggedFilesFixture.event(++sequence, OutingReadiness.TYPE, new OutingReadiness(requestId, false,
                List.of(new MediaCount("pupil-amy", "Pictures", 12, 2, 40_000_000L,
                        FlaggedFilesFixture.T0)), null)), FlaggedFilesFixture.event(++sequence, "command-result",
                Map.of("commandId", queries.get(0).id(), "status", "done")));
        JsonNode outing = t.tree(t.get(dev + "/outing", keys.get("manager")));
        assertEquals("not-ready", outing.get("status").asText());
        assertEquals(12, outing.get("photos").asInt());
        assertEquals(2, outing.get("videos").asInt());
        assertTrue(auditActions().containsAll(List.of("outing.request", "outing.read")));

        t.clock.advance(Duration.ofMinutes(1));
        post(dev + "/outing-check", "", "manager");
        String second = ofType(checkIn(), FileCommands.OUTING_CHECK).get(0).payload().get("requestId").asText();
        checkIn(FlaggedFilesFixture.event(++sequence, OutingReadiness.TYPE, new OutingReadiness(second, true,
                List.of(), null)));
        assertEquals("ready", t.tree(t.get(dev + "/outing", keys.get("manager"))).get("status").asText());
    }

    @Test
    void aDslsIsolationRequestJoinsTheCustodyOfEveryItemItIsolated() throws Exception {
        Sealed first = FlaggedFilesFixture.seal("pupil-amy", "a.jpg", PUPIL_FILE,
                t.console.evidenceKey().publicKey());
        Sealed second = FlaggedFilesFixture.seal("pupil-bob", "a-copy.jpg", PUPIL_FILE,
                t.console.evidenceKey().publicKey());
        String dev = "/api/v1/devices/" + device.id();
        assertEquals(201, post(dev + "/isolate", "{\"sha256\":\"" + first.item().facts().sha256().toUpperCase()
                + "\",\"justification\":\"a pupil disclosed it was shared\"}", "dsl").statusCode());
        Command isolate = ofType(checkIn(), FileCommands.ISOLATE).get(0);
        assertEquals(first.item().facts().sha256(), isolate.payload().get("sha256").asText());
        assertTrue(isolate.payload().get("path").isNull());
        checkIn(FlaggedFilesFixture.isolated(++sequence, first, isolate.id()),
                FlaggedFilesFixture.isolated(++sequence, second, isolate.id()));
        JsonNode items = t.tree(t.get("/api/v1/quarantine", keys.get("dsl")));
        assertEquals(2, items.size());
        for (JsonNode item : items) {
            JsonNode decisions = t.tree(t.get("/api/v1/quarantine/" + item.get("id").asText(), keys.get("dsl")))
                    .get("decisions");
            assertEquals(1, decisions.size(), decisions.toString());
            assertEquals("isolate", decisions.get(0).get("decision").asText());
            assertEquals("a pupil disclosed it was shared", decisions.get(0).get("justification").asText());
            assertEquals(isolate.id(), decisions.get(0).get("commandId").asText());
        }
    }

    @Test
    void removableMediaReportsGoToManagers() throws Exception {
        org.nestguard.protocol.files.Volume stick = new org.nestguard.protocol.files.Volume("5A2C-11F0", "KINGSTON",
                "vfat", "/dev/sdb1", "/media/pupil-amy/KINGSTON", "Kingston DataTraveler", "0019E06B", 16L << 30);
        checkIn(FlaggedFilesFixture.event(++sequence, org.nestguard.protocol.files.RemovableWrite.TYPE,
                new org.nestguard.protocol.files.RemovableWrite(stick, 3, 0, 1, 9_000_000L,
                        List.of("IMG_0001.jpg", "IMG_0002.jpg", "IMG_0003.jpg", "class list.docx"), 0,
                        FlaggedFilesFixture.T0, FlaggedFilesFixture.T0.plusSeconds(30))),
                FlaggedFilesFixture.event(++sequence, org.nestguard.protocol.files.RemovableScan.TYPE,
                        new org.nestguard.protocol.files.RemovableScan(stick, "clamscan",
                                org.nestguard.protocol.files.RemovableScan.Outcome.THREATS,
                                List.of("/media/pupil-amy/KINGSTON/setup.exe: Win.Trojan.Agent"), "1 infected file",
                                FlaggedFilesFixture.T0, FlaggedFilesFixture.T0.plusSeconds(4))));
        for (String role : List.of("dsl", "technical", "admin")) {
            assertRefused(t.get("/api/v1/removable-writes", keys.get(role)), 403, "role-required");
        }
        JsonNode writes = t.tree(t.get("/api/v1/removable-writes", keys.get("manager")));
        assertEquals(1, writes.size());
        assertEquals("5A2C-11F0", writes.get(0).get("volume").get("id").asText());
        assertEquals(3, writes.get(0).get("images").asInt());
        assertEquals("class list.docx", writes.get(0).get("names").get(3).asText());
        JsonNode scans = t.tree(t.get("/api/v1/removable-scans", keys.get("technical")));
        assertEquals("threats", scans.get(0).get("outcome").asText());
        assertRefused(t.get("/api/v1/removable-scans", keys.get("dsl")), 403, "role-required");
        assertTrue(auditActions().containsAll(List.of("removable-writes.list", "removable-scans.list")));
    }

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    HttpResponse<String> put(HttpClient client, String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(t.uri(path)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/zip").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> download(String exportId, String role) throws Exception {
        return TestConsole.send(t.enrolmentClient(), HttpRequest.newBuilder(t.uri("/api/v1/evidence/" + exportId))
                .GET(), keys.get(role), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> parts = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                parts.put(entry.getName(), in.readAllBytes());
            }
        }
        return parts;
    }
}
