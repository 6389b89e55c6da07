package org.nestguard.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real TLS handshakes on 127.0.0.1 against a JDK server. */
class PinnedTrustTest {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static TestAuthority consoleCa;
    private static KeyPair serverKeys;
    private static X509Certificate serverCertificate;
    private final PinnedTrust trust = new PinnedTrust(Clock.systemUTC());

    @BeforeAll
    static void makeConsole() throws Exception {
        consoleCa = TestAuthority.create("Console CA");
        serverKeys = DeviceKeys.generate().keyPair();
        serverCertificate = consoleCa.issueServer(serverKeys.getPublic());
    }

    private static TlsTestServer console(X509Certificate clientCa) throws Exception {
        return new TlsTestServer(serverKeys.getPrivate(), List.of(serverCertificate, consoleCa.certificate()),
                clientCa);
    }

    @Test
    void enrolmentTrustAcceptsTheConsoleWhoseCaHasThePinnedFingerprint() throws Exception {
        String fingerprint = Fingerprint.of(consoleCa.certificate()).toString();
        try (TlsTestServer server = console(null);
             SSLSocket socket = trust.forEnrolment(fingerprint).connect("127.0.0.1", server.port(), TIMEOUT_MILLIS)) {

            assertEquals(42, socket.getInputStream().read());
            assertTrue(TlsVersions.ENABLED.contains(socket.getSession().getProtocol()));
            assertEquals(serverCertificate, socket.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void enrolmentTrustRefusesAConsoleOfAnotherCaAndSaysWhichWasExpected() throws Exception {
        TestAuthority otherCa = TestAuthority.create("Other CA");
        String pinned = Fingerprint.of(otherCa.certificate()).toString();
        try (TlsTestServer server = console(null)) {

            SSLHandshakeException error = assertThrows(SSLHandshakeException.class,
                    () -> trust.forEnrolment(pinned).connect("127.0.0.1", server.port(), TIMEOUT_MILLIS).close());

            String message = rootMessage(error);
            assertTrue(message.contains("does not contain the CA with fingerprint " + pinned), message);
            assertTrue(message.contains(Fingerprint.of(consoleCa.certificate()).toString()), message);
            assertTrue(message.contains("--ca-fingerprint"), message);
        }
    }

    @Test
    void pinningTheServerCertificateInsteadOfTheCaIsRefusedWithTheReason() throws Exception {
        String serverFingerprint = Fingerprint.of(serverCertificate).toString();
        try (TlsTestServer server = console(null)) {

            SSLHandshakeException error = assertThrows(SSLHandshakeException.class,
                    () -> trust.forEnrolment(serverFingerprint).connect("127.0.0.1", server.port(), TIMEOUT_MILLIS)
                            .close());

            assertTrue(rootMessage(error).contains("is not a CA certificate"), rootMessage(error));
        }
    }

    @Test
    void aCertificateThatOnlyClaimsThePinnedCaAsIssuerIsRefused() throws Exception {
        // An impostor sends the real CA certificate but a server certificate its own key signed.
        TestAuthority impostor = TestAuthority.create("Console CA");
        X509Certificate forged = impostor.issueServer(serverKeys.getPublic());
        X509Certificate[] chain = {forged, consoleCa.certificate()};

        CertificateException error = assertThrows(CertificateException.class,
                () -> trust.trustManagerFor(Fingerprint.of(consoleCa.certificate()).toString())
                        .checkServerTrusted(chain, "ECDHE_ECDSA"));

        assertTrue(error.getMessage().contains("is not validly issued by the CA with fingerprint"),
                error.getMessage());
    }

    @Test
    void anExpiredCaIsRefusedWithTheClockHint() {
        PinnedTrust later = new PinnedTrust(Clock.fixed(Instant.now().plus(Duration.ofDays(4000)), ZoneOffset.UTC));
        X509Certificate[] chain = {serverCertificate, consoleCa.certificate()};

        CertificateException error = assertThrows(CertificateException.class,
                () -> later.trustManagerFor(Fingerprint.of(consoleCa.certificate()).toString())
                        .checkServerTrusted(chain, "ECDHE_ECDSA"));

        assertTrue(error.getMessage().contains("is not valid now"), error.getMessage());
        assertTrue(error.getMessage().contains("clock"), error.getMessage());
    }

    @Test
    void malformedFingerprintIsRefusedBeforeAnyConnection() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> trust.forEnrolment("AB:CD"));

        assertTrue(error.getMessage().contains("64 hexadecimal digits"), error.getMessage());
    }

    @Test
    void enrolledDevicePresentsItsCertificateAndTrustsTheStoredCa() throws Exception {
        DeviceKeys device = DeviceKeys.generate();
        X509Certificate deviceCertificate = consoleCa.issueClient(device.keyPair().getPublic(), "device-17");
        ClientTls tls = trust.forDevice(device.keyPair().getPrivate(), List.of(deviceCertificate),
                consoleCa.certificate());
        try (TlsTestServer server = console(consoleCa.certificate());
             SSLSocket socket = tls.connect("127.0.0.1", server.port(), TIMEOUT_MILLIS)) {

            assertEquals(42, socket.getInputStream().read());
            assertEquals("CN=device-17", server.peer().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void enrolledDeviceRefusesAConsoleFromAnotherCa() throws Exception {
        TestAuthority otherCa = TestAuthority.create("Other CA");
        DeviceKeys device = DeviceKeys.generate();
        X509Certificate deviceCertificate = otherCa.issueClient(device.keyPair().getPublic(), "device-18");
        ClientTls tls = trust.forDevice(device.keyPair().getPrivate(), List.of(deviceCertificate),
                otherCa.certificate());
        try (TlsTestServer server = console(null)) {

            SSLHandshakeException error = assertThrows(SSLHandshakeException.class,
                    () -> tls.connect("127.0.0.1", server.port(), TIMEOUT_MILLIS).close());

            assertTrue(rootMessage(error).contains("is not validly issued by the CA with fingerprint "
                    + Fingerprint.of(otherCa.certificate())), rootMessage(error));
            assertThrows(ExecutionException.class, () -> server.peer().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void clientParametersAllowOnlyTls12AndLaterAndCheckHostNames() {
        ClientTls tls = trust.forEnrolment(Fingerprint.of(consoleCa.certificate()).toString());

        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, tls.parameters().getProtocols());
        assertEquals("HTTPS", tls.parameters().getEndpointIdentificationAlgorithm());
    }

    @Test
    void hostNameNotInTheServerCertificateIsRefused() throws Exception {
        X509Certificate elsewhere = consoleCa.issueServer(serverKeys.getPublic(),
                new GeneralName(GeneralName.dNSName, "console.example.org"));
        String fingerprint = Fingerprint.of(consoleCa.certificate()).toString();
        try (TlsTestServer server = new TlsTestServer(serverKeys.getPrivate(),
                List.of(elsewhere, consoleCa.certificate()), null)) {
            SSLHandshakeException error = assertThrows(SSLHandshakeException.class,
                    () -> trust.forEnrolment(fingerprint).connect("127.0.0.1", server.port(), TIMEOUT_MILLIS)
                            .close());

            assertTrue(rootMessage(error).contains("127.0.0.1"), rootMessage(error));
        }
    }

    private static String rootMessage(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
