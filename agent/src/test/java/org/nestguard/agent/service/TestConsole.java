package org.nestguard.agent.service;

import org.nestguard.protocol.crypto.TestAuthority;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.nestguard.protocol.crypto.DeviceKeys;
import org.nestguard.protocol.crypto.KeyStores;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.ApiError;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.CheckInResponse;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.EnrollmentRequest;
import org.nestguard.protocol.wire.EnrollmentResponse;
import org.nestguard.agent.transport.ConsoleClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.WireJson;

/**
 * A stand-in console on 127.0.0.1 for the agent's tests (the real one lives in another module the agent must not
 * depend on): JDK HTTPS server, a test CA, enrolment that signs the CSR, and check-in that stores each sequence
 * once, answers the highest contiguous one, and keeps commands pending until their result arrives.
 */
public final class TestConsole implements AutoCloseable {
    private static final char[] PASSWORD = "test".toCharArray();
    final TestAuthority ca;
    private final KeyPair serverKeys = DeviceKeys.generate().keyPair();
    private final X509Certificate serverCertificate;
    private final ObjectMapper json = WireJson.mapper();
    private HttpsServer server;
    private int port;
    final TreeMap<Long, Event> stored = new TreeMap<>();
    final List<Command> pending = new CopyOnWriteArrayList<>();
    final AtomicInteger enrolRequests = new AtomicInteger();
    final AtomicInteger checkIns = new AtomicInteger();
    volatile ApiError refuseEnrolment;
    volatile boolean revoked;
    volatile String policyYaml;
    /** The evidence public key (PEM) the enrolment answer carries; null for none. */
    public volatile String evidenceKeyPem;
    /** Evidence archives received, by export id. */
    public final Map<String, byte[]> evidence = new ConcurrentHashMap<>();

    public TestConsole(String policyYaml) throws Exception {
        this.ca = TestAuthority.create("Test console CA");
        this.serverCertificate = ca.issueServer(serverKeys.getPublic());
        this.policyYaml = policyYaml;
        start(0);
    }

    /** Starts (again) on {@code port}, 0 for any free one. */
    public synchronized void start(int wanted) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStores.identity("server", serverKeys.getPrivate(),
                List.of(serverCertificate, ca.certificate()), PASSWORD), PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStores.trusting(ca.certificate()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                parameters.setWantClientAuth(true);
            }
        });
        server.createContext(AgentApi.ENROLL, this::enroll);
        server.createContext(AgentApi.CHECK_IN, this::checkIn);
        server.createContext(AgentApi.EVIDENCE, this::evidence);
        server.start();
        port = server.getAddress().getPort();
    }

    public synchronized void stop() {
        server.stop(0);
    }

    public String url() {
        return "https://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int enrolRequestCount() {
        return enrolRequests.get();
    }

    public void refuseEnrolment(ApiError error) {
        refuseEnrolment = error;
    }

    public String fingerprint() {
        return org.nestguard.protocol.crypto.Fingerprint.of(ca.certificate()).toString();
    }

    synchronized List<Event> events() {
        return new ArrayList<>(stored.values());
    }

    private void enroll(HttpExchange exchange) throws IOException {
        enrolRequests.incrementAndGet();
        EnrollmentRequest request = json.readValue(exchange.getRequestBody(), EnrollmentRequest.class);
        if (refuseEnrolment != null) {
            send(exchange, 403, refuseEnrolment);
            return;
        }
        try {
            org.bouncycastle.pkcs.PKCS10CertificationRequest csr = Pem.readCertificationRequest(request.csrPem(), "csr");
            java.security.PublicKey key = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(csr).getPublicKey();
            X509Certificate device = ca.issueClient(key, "device-1");
            send(exchange, 200, new EnrollmentResponse("device-1", Pem.write(device), Pem.write(ca.certificate()),
                    "test-setting", 1, policyYaml, evidenceKeyPem));
        } catch (Exception e) {
            send(exchange, 400, new ApiError("csr-invalid", e.getMessage()));
        }
    }

    private void evidence(HttpExchange exchange) throws IOException {
        String exportId = exchange.getRequestURI().getPath().substring(AgentApi.EVIDENCE.length());
        if (!"PUT".equals(exchange.getRequestMethod())
                || !"application/zip".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            send(exchange, 400, new ApiError("bad-evidence", "PUT application/zip expected"));
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes(); // throws when the agent aborts mid-archive
        evidence.put(exportId, body);
        send(exchange, 201, new ApiError("stored", "evidence " + exportId + " stored"));
    }

    private void checkIn(HttpExchange exchange) throws IOException {
        checkIns.incrementAndGet();
        if (revoked) {
            send(exchange, 403, new ApiError("device-revoked", "this device was revoked; re-enrol it with a new "
                    + "token"));
            return;
        }
        if (!(exchange instanceof com.sun.net.httpserver.HttpsExchange https)
                || https.getSSLSession().getPeerCertificates().length == 0) {
            send(exchange, 401, new ApiError("client-certificate-required", "no client certificate"));
            return;
        }
        CheckIn checkIn = json.readValue(exchange.getRequestBody(), CheckIn.class);
        long highest;
        synchronized (this) {
            for (Event event : checkIn.events()) {
                stored.putIfAbsent(event.sequence(), event);
                if (event.type().equals("command-result")) {
                    String id = event.payload().path("commandId").asText();
                    pending.removeIf(c -> c.id().equals(id));
                }
            }
            highest = 0;
            while (stored.containsKey(highest + 1)) {
                highest++;
            }
        }
        send(exchange, 200, new CheckInResponse(highest, 1, List.copyOf(pending)));
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        stop();
    }
}
