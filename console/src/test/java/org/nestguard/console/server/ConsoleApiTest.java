package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.pki.CertificateAuthority;
import org.nestguard.console.pki.ServerNames;
import org.nestguard.console.server.TestConsole.EnrolledDevice;
import org.nestguard.console.store.TokenStatus;
import org.nestguard.console.web.SessionCookie;
import org.nestguard.protocol.crypto.DeviceKeys;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.crypto.PinnedTrust;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.CheckInResponse;
import org.nestguard.protocol.wire.EnrollmentRequest;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.NetworkLocation;

/** The console's agent and people APIs over real TLS on 127.0.0.1, on one kind of store. */
abstract class ConsoleApiTest {
    static final NetworkLocation ON_PREMISES = new NetworkLocation("10.63.0.1", "aa:bb:cc:00:00:01", "DittonStaff",
            List.of("10.63.4.20"));
    static final NetworkLocation AT_HOME = new NetworkLocation("192.168.1.1", "aa:bb:cc:00:00:02", "HomeWiFi",
            List.of("192.168.1.20"));

    @TempDir
    Path temp;

    TestConsole t;

    abstract boolean postgres();

    @BeforeEach
    void start() throws Exception {
        t = new TestConsole(postgres(), temp.resolve("data"));
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    // ---- enrolment -------------------------------------------------------------------------------------------

    @Test
    void enrolmentOverRealTlsGivesACertificateAndTheSettingsPolicy() throws Exception {
        EnrolledDevice device = t.enrol(t.token(1), TestConsole.facts("lab-01", "SN-1"));
        assertEquals(TestConsole.SETTING, device.enrolment().settingId());
        assertEquals(1, device.enrolment().policyVersion());
        assertEquals(Files.readString(TestConsole.POLICY), device.enrolment().policyYaml());
        assertEquals(t.console.ca().certificate(), Pem.readCertificate(device.enrolment().caCertificatePem(), "ca"));
        assertEquals(0, checkIn(device, List.of(), ON_PREMISES).highestSequence(), "the new certificate works");
    }

    @Test
    void aReimagedDeviceKeepsItsIdAndItsOldCertificateStopsWorking() throws Exception {
        String token = t.token(2);
        EnrolledDevice before = t.enrol(token, TestConsole.facts("lab-01", "SN-1"));
        EnrolledDevice after = t.enrol(token, TestConsole.facts("lab-01-reimaged", "SN-1"));
        assertEquals(before.id(), after.id());
        assertEquals(1, t.console.devices().list().size());
        assertRefused(checkInRaw(before.client(), body(List.of(), null)), 403, "device-revoked");
    }

    @Test
    void unknownTokenIsRefused() throws Exception {
        assertRefused(enrolRaw("ngt_not-a-token", DeviceKeys.generate().certificationRequestPem("x")), 401,
                "token-unknown");
    }

    @Test
    void usedUpTokenIsRefused() throws Exception {
        String token = t.token(1);
        t.enrol(token, TestConsole.facts("lab-01", "SN-1"));
        assertRefused(enrolRaw(token, DeviceKeys.generate().certificationRequestPem("x")), 403, "token-used-up");
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        String token = t.token(5);
        t.clock.advance(Duration.ofDays(8));
        assertRefused(enrolRaw(token, DeviceKeys.generate().certificationRequestPem("x")), 403, "token-expired");
    }

    @Test
    void aSettingWithoutPolicyRefusesEnrolmentWithoutSpendingTheToken() throws Exception {
        t.console.settings().add("empty-school", "Empty School");
        String token = t.console.tokens().create("empty-school", 1, Duration.ofDays(1)).secret();
        HttpResponse<String> response = enrolRaw(token, DeviceKeys.generate().certificationRequestPem("x"));
        assertRefused(response, 409, "no-policy");
        assertTrue(t.tree(response).get("message").asText().contains("nestguard-console policy import FILE"));
        assertEquals(TokenStatus.ACCEPTED, t.console.tokens().inspect(token).status(), "the use is still there");
    }

    @Test
    void malformedAndUnknownFieldsAreRefusedNamingTheProblem() throws Exception {
        HttpResponse<String> response = t.post(t.enrolmentClient(), AgentApi.ENROLL,
                "{\"token\":\"x\",\"csrPem\":\"y\",\"facts\":null,\"deviceId\":\"someone-else\"}", null);
        assertRefused(response, 400, "malformed-request");
        assertTrue(t.tree(response).get("message").asText().contains("deviceId"), response.body());
        assertRefused(t.post(t.enrolmentClient(), AgentApi.ENROLL, "{not json", null), 400, "malformed-request");
    }

    @Test
    void anInvalidCsrIsRefusedWithoutSpendingTheToken() throws Exception {
        String token = t.token(1);
        assertRefused(enrolRaw(token, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"),
                400, "csr-invalid");
        assertEquals(TokenStatus.ACCEPTED, t.console.tokens().inspect(token).status());
    }

    // ---- check-in ---------------------------------------------------------------------------------------------

    @Test
    void duplicateBatchesAreStoredExactlyOnceAndGapsHoldTheAnswerBack() throws Exception {
        EnrolledDevice device = t.enrol(t.token(1), TestConsole.facts("lab-01", "SN-1"));
        assertEquals(3, checkIn(device, results(1, 3, "PASS"), ON_PREMISES).highestSequence());
        assertEquals(4, checkIn(device, results(2, 4, "PASS"), ON_PREMISES).highestSequence());
        assertEquals(4, checkIn(device, results(6, 6, "PASS"), ON_PREMISES).highestSequence(), "5 is missing");
        assertEquals(6, checkIn(device, results(1, 5, "PASS"), ON_PREMISES).highestSequence());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), t.console.events().read(device.id(), null, null, null).stream()
                .map(e -> e.sequence()).toList());
        assertEquals("127.0.0.1", t.console.devices().find(device.id()).orElseThrow().lastAddress());
    }

    @Test
    void checkInWithoutAClientCertificateIsRefused() throws Exception {
        assertRefused(checkInRaw(t.enrolmentClient(), body(List.of(), null)), 401, "client-certificate-required");
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        CertificateAuthority other = CertificateAuthority.openOrCreate(temp.resolve("other"), t.clock);
        DeviceKeys keys = DeviceKeys.generate();
        var stranger = other.signDevice(keys.certificationRequestPem("intruder"), "intruder");
        HttpClient client = TestConsole.client(new PinnedTrust(t.clock).forDevice(keys.keyPair().getPrivate(),
                List.of(stranger), t.console.ca().certificate()));
        try {
            HttpResponse<String> response = checkInRaw(client, body(results(1, 1, "PASS"), null));
            // the client offers a certificate only to a server that names its issuer, so it arrives without one
            assertTrue(response.statusCode() == 401 || response.statusCode() == 403, response.body());
            assertTrue(List.of("client-certificate-required", "certificate-untrusted")
                    .contains(t.tree(response).get("code").asText()), response.body());
        } catch (IOException handshakeRefused) {
            // TLS itself refused the certificate before any request: also a refusal
        }
        assertTrue(t.console.devices().list().isEmpty());
    }

    @Test
    void aRevokedDeviceIsRefusedAtOnce() throws Exception {
        EnrolledDevice device = t.enrol(t.token(1), TestConsole.facts("lab-01", "SN-1"));
        checkIn(device, results(1, 1, "PASS"), ON_PREMISES);
        t.console.devices().revoke(device.id());
        HttpResponse<String> response = checkInRaw(device.client(), body(results(2, 2, "PASS"), null));
        assertRefused(response, 403, "device-revoked");
        assertEquals("This device was revoked; re-enrol it with a new token", t.tree(response).get("message").asText());
        assertEquals(1, t.console.events().read(device.id(), null, null, null).size());
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        EnrolledDevice device = t.enrol(t.token(1), TestConsole.facts("lab-01", "SN-1"));
        String huge = "{\"events\":[],\"agentVersion\":\"" + "x".repeat(AgentApi.MAX_BODY_BYTES) + "\"}";
        assertRefused(checkInRaw(device.client(), huge), 413, "body-too-large");
        // without a Content-Length (chunked) the bytes actually read are counted
        HttpRequest chunked = HttpRequest.newBuilder(t.uri(AgentApi.CHECK_IN)).POST(HttpRequest.BodyPublishers
                .ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes()))).build();
        assertRefused(device.client().send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "body-too-large");
    }

    @Test
    void deviceACanNeitherWriteNorReadDeviceBsData() throws Exception {
        EnrolledDevice a = t.enrol(t.token(1), TestConsole.facts("lab-a", "SN-A"));
        EnrolledDevice b = t.enrol(t.token(1), TestConsole.facts("lab-b", "SN-B"));
        String forB = t.tree(t.post(t.enrolmentClient(), "/api/v1/devices/" + b.id() + "/commands",
                "{\"type\":\"check-now\"}", t.admin)).get("id").asText();
        // a body cannot name another device: the field does not exist and unknown fields are refused
        assertRefused(checkInRaw(a.client(), "{\"deviceId\":\"" + b.id() + "\",\"events\":[],\"policyVersion\":1}"),
                400, "malformed-request");
        // A reporting B's command as done does not complete it, and A is never handed B's commands
        CheckInResponse answer = checkIn(a, List.of(commandResult(1, forB)), ON_PREMISES);
        assertTrue(answer.commands().isEmpty());
        assertEquals(List.of(forB), t.console.commands().pending(b.id()).stream().map(c -> c.id()).toList());
        assertEquals(1, t.console.events().read(a.id(), null, null, null).size());
        assertTrue(t.console.events().read(b.id(), null, null, null).isEmpty(), "nothing was written for B");
        assertEquals(List.of(forB), checkIn(b, List.of(), ON_PREMISES).commands().stream().map(c -> c.id()).toList());
    }

    // ---- commands and policies ---------------------------------------------------------------------------------

    @Test
    void aCommandIsSentUntilTheDeviceReportsItsResult() throws Exception {
        EnrolledDevice device = t.enrol(t.token(1), TestConsole.facts("lab-01", "SN-1"));
        HttpResponse<String> queued = t.post(t.enrolmentClient(), "/api/v1/devices/" + device.id() + "/commands",
                "{\"type\":\"check-now\"}", t.admin);
        assertEquals(201, queued.statusCode(), queued.body());
        String id = t.tree(queued).get("id").asText();
        assertEquals(List.of(id), checkIn(device, List.of(), ON_PREMISES).commands().stream().map(c -> c.id()).toList());
        assertEquals(List.of(id), checkIn(device, List.of(), ON_PREMISES).commands().stream().map(c -> c.id()).toList(),
                "an answer can be lost, so it is sent again");
        assertTrue(checkIn(device, List.of(commandResult(1, id)), ON_PREMISES).commands().isEmpty());
        assertTrue(t.console.commands().pending(device.id()).isEmpty());
        assertRefused(t.post(t.enrolmentClient(), "/api/v1/devices/" + device.id() + "/commands",
                "{\"type\":\"format-disk\"}", t.admin), 400, "command-unsupported");
    }

    @Test
    void anUploadedPolicyBecomesTheNextVersionAndIsQueuedForEveryDevice() throws Exception {
        EnrolledDevice device = t.enrol(t.token(1), TestConsole.facts("lab-01", "SN-1"));
        String yaml = Files.readString(TestConsole.POLICY).replace("10.63.0.0/16", "10.64.0.0/16");
        HttpResponse<String> uploaded = t.post(t.enrolmentClient(), "/api/v1/settings/" + TestConsole.SETTING
                + "/policy?reason=new%20network", yaml, t.admin);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        assertEquals(2, t.tree(uploaded).get("version").asInt());
        assertEquals("new network", t.console.settings().currentPolicy(TestConsole.SETTING).orElseThrow().reason());
        CheckInResponse answer = checkIn(device, List.of(), ON_PREMISES);
        assertEquals(2, answer.policyVersion());
        assertEquals("update-policy", answer.commands().get(0).type());
        assertEquals(2, answer.commands().get(0).payload().get("version").asInt());
        assertEquals(yaml, answer.commands().get(0).payload().get("yaml").asText());
    }

    @Test
    void anInvalidPolicyIsRefusedWithItsLineAndField() throws Exception {
        String yaml = Files.readString(TestConsole.POLICY).replace("schemaVersion: 1", "schemaVersion: 1\nbogus: 2");
        HttpResponse<String> response = t.post(t.enrolmentClient(), "/api/v1/settings/" + TestConsole.SETTING
                + "/policy", yaml, t.admin);
        assertRefused(response, 400, "policy-invalid");
        String message = t.tree(response).get("message").asText();
        assertTrue(message.matches("(?s)policy\\.yaml:\\d+:\\d+: .*unknown field 'bogus'.*"), message);
        assertEquals(1, t.console.settings().currentPolicy(TestConsole.SETTING).orElseThrow().version());
    }

    // ---- people's API ------------------------------------------------------------------------------------------

    @Test
    void peoplesApiNeedsASignedInSession() throws Exception {
        assertRefused(t.get("/api/v1/devices", null), 401, "sign-in-required");
        HttpResponse<String> forged = t.enrolmentClient().send(HttpRequest.newBuilder(t.uri("/api/v1/devices"))
                .header("Cookie", SessionCookie.SESSION + "=not-a-session").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(forged, 401, "sign-in-required");
        assertEquals(200, t.get("/api/v1/devices", t.admin).statusCode());
    }

    @Test
    void complianceAlertsAndDeviceDetailFollowTheLatestResults() throws Exception {
        EnrolledDevice inSchool = t.enrol(t.token(1), TestConsole.facts("in-school", "SN-1"));
        EnrolledDevice homeUnencrypted = t.enrol(t.token(1), TestConsole.facts("home-plain", "SN-2"));
        EnrolledDevice homeEncrypted = t.enrol(t.token(1), TestConsole.facts("home-safe", "SN-3"));
        checkIn(inSchool, List.of(result(1, "encryption", "FAIL")), ON_PREMISES);
        checkIn(homeUnencrypted, List.of(result(1, "encryption", "PASS"), result(2, "encryption", "FAIL")), AT_HOME);
        checkIn(homeEncrypted, List.of(result(1, "encryption", "PASS"), result(2, "firewall", "UNKNOWN")), AT_HOME);

        JsonNode alerts = t.tree(t.get("/api/v1/alerts", t.admin));
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(homeUnencrypted.id(), alerts.get(0).get("deviceId").asText());
        assertTrue(alerts.get(0).get("clause").asText().startsWith("004"));

        JsonNode compliance = t.tree(t.get("/api/v1/settings/" + TestConsole.SETTING + "/compliance", t.admin));
        assertEquals(3, compliance.get("devices").asInt());
        JsonNode encryption = compliance.get("controls").get(0);
        assertEquals("encryption", encryption.get("control").asText());
        assertEquals(1, encryption.get("passing").asInt());
        assertEquals(2, encryption.get("failing").asInt());
        JsonNode firewall = compliance.get("controls").get(1);
        assertEquals(3, firewall.get("unknown").asInt(), "no result and UNKNOWN both count as unknown");

        JsonNode detail = t.tree(t.get("/api/v1/devices/" + inSchool.id(), t.admin));
        assertTrue(detail.get("onPremises").asBoolean());
        assertEquals("FAIL", detail.get("results").get(0).get("status").asText());
        assertEquals("Disk encryption is off", detail.get("results").get(0).get("summary").asText());
        assertEquals("004", detail.get("results").get(0).get("clauses").get(0).get("section").asText());
        assertFalse(t.tree(t.get("/api/v1/devices/" + homeEncrypted.id(), t.admin)).get("onPremises").asBoolean());
        assertRefused(t.get("/api/v1/devices/no-such-device", t.admin), 404, "device-unknown");
    }

    @Test
    void devicesNotSeenForDaysAreListed() throws Exception {
        EnrolledDevice quiet = t.enrol(t.token(1), TestConsole.facts("quiet", "SN-1"));
        t.clock.advance(Duration.ofDays(20));
        EnrolledDevice busy = t.enrol(t.token(1), TestConsole.facts("busy", "SN-2"));
        checkIn(busy, List.of(), ON_PREMISES);
        JsonNode silent = t.tree(t.get("/api/v1/devices?notSeenForDays=14", t.admin));
        assertEquals(1, silent.size());
        assertEquals(quiet.id(), silent.get(0).get("id").asText());
        assertNotEquals(null, silent.get(0).get("enrolledAt"));
        assertRefused(t.get("/api/v1/devices?notSeenForDays=soon", t.admin), 400, "malformed-request");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    CheckInResponse checkIn(EnrolledDevice device, List<Event> events, NetworkLocation location) throws Exception {
        HttpResponse<String> response = checkInRaw(device.client(), body(events, location));
        if (response.statusCode() != 200) {
            fail("check-in refused: " + response.statusCode() + " " + response.body());
        }
        return t.json.readValue(response.body(), CheckInResponse.class);
    }

    HttpResponse<String> checkInRaw(HttpClient client, String body) throws Exception {
        return t.post(client, AgentApi.CHECK_IN, body, null);
    }

    String body(List<Event> events, NetworkLocation location) throws Exception {
        return t.json.writeValueAsString(new CheckIn(events, location, 1, "test"));
    }

    HttpResponse<String> enrolRaw(String token, String csrPem) throws Exception {
        return t.post(t.enrolmentClient(), AgentApi.ENROLL, t.json.writeValueAsString(new EnrollmentRequest(token,
                csrPem, TestConsole.facts("lab-x", "SN-X"))), null);
    }

    static List<Event> results(long from, long through, String status) {
        List<Event> events = new ArrayList<>();
        for (long sequence = from; sequence <= through; sequence++) {
            events.add(result(sequence, "screen-lock", status));
        }
        return events;
    }

    static Event result(long sequence, String control, String status) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("control", control).put("status", status)
                .put("summary", "encryption".equals(control) && "FAIL".equals(status) ? "Disk encryption is off"
                        : control + " is " + status);
        payload.putArray("evidence").addObject().put("item", "volume /").put("value", status);
        payload.putArray("clauses").addObject().put("section", "004").put("quote", "unless encrypted");
        return new Event(sequence, Instant.parse("2026-01-12T09:00:00Z").plusSeconds(sequence), "check-result",
                payload);
    }

    static Event commandResult(long sequence, String commandId) {
        return new Event(sequence, Instant.parse("2026-01-12T09:00:00Z").plusSeconds(sequence), "command-result",
                JsonNodeFactory.instance.objectNode().put("commandId", commandId).put("outcome", "done"));
    }

    void assertRefused(HttpResponse<String> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = t.tree(response);
        assertEquals(code, error.get("code").asText(), response.body());
        assertFalse(error.get("message").asText().isBlank());
        assertNull(error.get("stackTrace"));
    }
}
