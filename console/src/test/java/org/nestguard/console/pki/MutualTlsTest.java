package org.nestguard.console.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.crypto.ClientTls;
import org.nestguard.protocol.crypto.DeviceKeys;
import org.nestguard.protocol.crypto.KeyStores;
import org.nestguard.protocol.crypto.PinnedTrust;
import org.nestguard.protocol.crypto.TlsVersions;

/**
 * The console's CA, server identity and device certificates in a real mutual-TLS handshake on 127.0.0.1: a JDK
 * server that, like the console, trusts only its CA for clients and then asks {@link DeviceCertificates} who called.
 */
class MutualTlsTest {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final char[] PASSWORD = "test".toCharArray();
    private static final Clock CLOCK = Clock.systemUTC();
    @TempDir
    Path data;
    private CertificateAuthority ca;
    private final PinnedTrust trust = new PinnedTrust(CLOCK);

    @BeforeEach
    void openCa() {
        ca = CertificateAuthority.openOrCreate(data.resolve("console"), CLOCK);
    }

    @Test
    void anEnrolledDeviceIsAcceptedAndIdentified() throws Exception {
        DeviceKeys device = DeviceKeys.generate();
        X509Certificate certificate = ca.signDevice(device.certificationRequestPem("LAPTOP-1"), "dev-1");
        ClientTls tls = trust.forDevice(device.keyPair().getPrivate(), List.of(certificate), ca.certificate());

        try (Console console = new Console(true);
             SSLSocket socket = tls.connect("127.0.0.1", console.port(), TIMEOUT_MILLIS)) {

            assertEquals(42, socket.getInputStream().read());
            assertEquals("dev-1", console.caller().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).deviceId());
            assertTrue(TlsVersions.ENABLED.contains(socket.getSession().getProtocol()));
        }
    }

    @Test
    void aDeviceCertificateFromAnotherCaIsRefusedInTheHandshake() throws Exception {
        CertificateAuthority other = CertificateAuthority.openOrCreate(data.resolve("other"), CLOCK);
        DeviceKeys device = DeviceKeys.generate();
        X509Certificate foreign = other.signDevice(device.certificationRequestPem("LAPTOP-2"), "dev-1");
        // The device trusts the right console; only its own certificate is wrong.
        ClientTls tls = trust.forDevice(device.keyPair().getPrivate(), List.of(foreign), ca.certificate());

        try (Console console = new Console(true)) {
            assertThrows(IOException.class, () -> {
                try (SSLSocket socket = tls.connect("127.0.0.1", console.port(), TIMEOUT_MILLIS)) {
                    socket.getInputStream().read(); // TLS 1.3 reports the server's refusal on first read
                }
            });

            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> console.caller().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            assertInstanceOf(SSLHandshakeException.class, refused.getCause());
        }
    }

    @Test
    void enrolmentPinnedToThisCasFingerprintAcceptsTheIssuedServerCertificate() throws Exception {
        ClientTls tls = trust.forEnrolment("sha256:" + ca.fingerprint().toString().replace(":", "").toLowerCase(Locale.ROOT));

        try (Console console = new Console(false);
             SSLSocket socket = tls.connect("127.0.0.1", console.port(), TIMEOUT_MILLIS)) {

            assertEquals(42, socket.getInputStream().read());
        }
    }

    @Test
    void enrolmentPinnedToAnotherCaIsRefused() throws Exception {
        CertificateAuthority other = CertificateAuthority.openOrCreate(data.resolve("other"), CLOCK);
        ClientTls tls = trust.forEnrolment(other.fingerprint().toString());

        try (Console console = new Console(false)) {
            SSLHandshakeException error = assertThrows(SSLHandshakeException.class,
                    () -> tls.connect("127.0.0.1", console.port(), TIMEOUT_MILLIS).close());

            assertTrue(error.getMessage().contains("does not contain the CA with fingerprint " + other.fingerprint()),
                    error.getMessage());
        }
    }

    /** One-connection stand-in for the console's HTTPS server, built from the pki classes as the server will be. */
    private final class Console implements AutoCloseable {
        private final SSLServerSocket socket;
        private final CompletableFuture<DeviceIdentity> caller = new CompletableFuture<>();

        Console(boolean needClientAuth) throws Exception {
            ServerIdentity identity = ca.issueServerIdentity(ServerNames.of(null, List.of()));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity.keyStore("server", PASSWORD), PASSWORD);
            TrustManagerFactory clients = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            clients.init(KeyStores.trusting(ca.certificate()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), clients.getTrustManagers(), new SecureRandom());
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                    InetAddress.getLoopbackAddress());
            socket.setEnabledProtocols(TlsVersions.enabled());
            socket.setNeedClientAuth(needClientAuth);
            Thread thread = new Thread(this::serveOnce, "console-stand-in");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        CompletableFuture<DeviceIdentity> caller() {
            return caller;
        }

        private void serveOnce() {
            try (SSLSocket client = (SSLSocket) socket.accept()) {
                client.setSoTimeout(TIMEOUT_MILLIS);
                client.startHandshake();
                DeviceIdentity identity = socket.getNeedClientAuth()
                        ? new DeviceCertificates(ca.certificate(), CLOCK)
                                .identify((X509Certificate[]) client.getSession().getPeerCertificates())
                        : new DeviceIdentity("anonymous", "");
                client.getOutputStream().write(42);
                client.getOutputStream().flush();
                caller.complete(identity);
            } catch (Exception e) {
                caller.completeExceptionally(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
