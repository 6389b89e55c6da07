package org.nestguard.console.server;

import org.nestguard.console.store.MutableClock;
import org.nestguard.console.store.TestPostgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.nestguard.console.auth.Role;
import org.nestguard.console.pki.CertificateAuthority;
import org.nestguard.console.pki.EvidenceKey;
import org.nestguard.console.pki.ServerNames;
import org.nestguard.console.policy.PolicyPublisher;
import org.nestguard.console.store.Database;
import org.nestguard.protocol.crypto.ClientTls;
import org.nestguard.protocol.crypto.DeviceKeys;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.crypto.PinnedTrust;
import org.nestguard.protocol.wire.DeviceFacts;
import org.nestguard.protocol.wire.EnrollmentRequest;
import org.nestguard.protocol.wire.EnrollmentResponse;
import org.nestguard.protocol.wire.WireJson;

/**
 * A real console for a test: a fresh store (SQLite in a temporary folder, or a schema of its own on PostgreSQL at
 * 127.0.0.1:5432, skipped with a message when none is reachable), a CA, and HTTPS on 127.0.0.1 at a free port.
 */
final class TestConsole implements AutoCloseable {
    static final String SETTING = "ditton-junior";
    static final Path POLICY = Path.of("..", "policies", "settings", "ditton-junior.yaml");

    // a month back, so tests can move the clock forward and certificates it issues are still valid for the TLS
    // stack, which checks them against the real time
    final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofDays(30)));
    final ObjectMapper json = WireJson.mapper();
    final Console console;
    final ConsoleServer server;
    /** Accounts of any role over this console's store. */
    final WebFixture accounts;
    /** An administrator in every setting, signed in to people's API (on first use). */
    final ApiCaller admin;
    private final Database database;
    private final TestPostgres.Schema schema;

    TestConsole(boolean postgres, Path dataDir) throws Exception {
        String url = null;
        if (postgres) {
            schema = TestPostgres.freshSchemaOrSkip("server_test_");
            url = schema.url();
        } else {
            schema = null;
        }
        database = Database.open(url, dataDir);
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dataDir, clock);
        console = Console.over(database, ca, sharedEvidenceKey(), dataDir, clock);
        server = ConsoleServer.start(console, ca.issueServerIdentity(ServerNames.of(null, List.of())), "127.0.0.1", 0);
        publish(Files.readString(POLICY));
        accounts = new WebFixture(this);
        admin = accounts.api(accounts.person("test admin", null, List.of(), Role.ADMIN));
    }

    // an RSA-3072 key takes a second or more to make: one for every test console in this JVM
    private static EvidenceKey evidenceKey;

    static synchronized EvidenceKey sharedEvidenceKey() throws IOException {
        if (evidenceKey == null) {
            Path folder = Files.createTempDirectory("nestguard-evidence-key");
            evidenceKey = EvidenceKey.openOrCreate(folder);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                } catch (IOException e) {
                    // a temporary folder left behind is harmless
                }
            }));
        }
        return evidenceKey;
    }

    PolicyPublisher.Published publish(String yaml) throws Exception {
        return new PolicyPublisher(console.settings(), console.commands()).publish("test.yaml", yaml, null, true,
                "test", "test");
    }

    String token(int uses) {
        return console.tokens().create(SETTING, uses, Duration.ofDays(7)).secret();
    }

    String fingerprint() {
        return console.ca().fingerprint().toString();
    }

    URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    /** A client that trusts the console by pinned fingerprint and presents no certificate. */
    HttpClient enrolmentClient() {
        return client(new PinnedTrust(clock).forEnrolment(fingerprint()));
    }

    static HttpClient client(ClientTls tls) {
        return HttpClient.newBuilder().sslContext(tls.context()).sslParameters(tls.parameters())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static DeviceFacts facts(String hostname, String serial) {
        return new DeviceFacts(hostname, "linux", "Ubuntu", "24.04", "Acme", "Laptop 3", serial,
                UUID.nameUUIDFromBytes(serial.getBytes(StandardCharsets.UTF_8)).toString(), List.of());
    }

    /** Enrols a device with a real key pair and CSR; returns it ready for mutual TLS. */
    EnrolledDevice enrol(String token, DeviceFacts facts) throws Exception {
        DeviceKeys keys = DeviceKeys.generate();
        HttpResponse<String> response = post(enrolmentClient(), "/api/agent/v1/enroll",
                json.writeValueAsString(new EnrollmentRequest(token, keys.certificationRequestPem(facts.hostname()),
                        facts)), null);
        if (response.statusCode() != 200) {
            throw new AssertionError("enrolment refused: " + response.statusCode() + " " + response.body());
        }
        EnrollmentResponse enrolled = json.readValue(response.body(), EnrollmentResponse.class);
        ClientTls tls = new PinnedTrust(clock).forDevice(keys.keyPair().getPrivate(),
                List.of(Pem.readCertificate(enrolled.certificatePem(), "device")),
                Pem.readCertificate(enrolled.caCertificatePem(), "ca"));
        return new EnrolledDevice(enrolled, client(tls));
    }

    /** A POST with a JSON body, as the caller (null: no session, as the agent API and signed-out calls are). */
    HttpResponse<String> post(HttpClient client, String path, String body, ApiCaller caller) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        return send(client, request, caller, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as the caller (null: no session). */
    HttpResponse<String> get(String path, ApiCaller caller) throws IOException, InterruptedException {
        return send(enrolmentClient(), HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET(),
                caller, HttpResponse.BodyHandlers.ofString());
    }

    static <T> HttpResponse<T> send(HttpClient client, HttpRequest.Builder request, ApiCaller caller,
                                    HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return caller == null ? client.send(request.build(), body) : caller.send(client, request, body);
    }

    JsonNode tree(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    @Override
    public void close() {
        server.close();
        database.close();
        if (schema != null) {
            schema.drop();
        }
    }

    /** A device after enrolment: its id and a mutual-TLS client holding its certificate. */
    record EnrolledDevice(EnrollmentResponse enrolment, HttpClient client) {
        String id() {
            return enrolment.deviceId();
        }
    }




}
