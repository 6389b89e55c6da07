package org.nestguard.protocol.crypto;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A one-connection JDK TLS server on 127.0.0.1 that answers one byte after the handshake. */
final class TlsTestServer implements AutoCloseable {
    private static final char[] PASSWORD = "test".toCharArray();
    private final SSLServerSocket socket;
    private final CompletableFuture<String> peer = new CompletableFuture<>();

    /** {@code clientCa} non-null means the server demands a client certificate issued by it. */
    TlsTestServer(PrivateKey key, List<X509Certificate> chain, X509Certificate clientCa) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStores.identity("server", key, chain, PASSWORD), PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(clientCa == null ? (KeyStore) null : KeyStores.trusting(clientCa));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress());
        socket.setEnabledProtocols(TlsVersions.enabled());
        socket.setNeedClientAuth(clientCa != null);
        Thread thread = new Thread(this::serveOnce, "tls-test-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The client's certificate subject as the server saw it, or the failure the server met. */
    CompletableFuture<String> peer() {
        return peer;
    }

    private void serveOnce() {
        try (SSLSocket client = (SSLSocket) socket.accept()) {
            client.setSoTimeout(10_000);
            client.startHandshake();
            String name = socket.getNeedClientAuth()
                    ? ((X509Certificate) client.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                            .getName()
                    : "anonymous";
            client.getOutputStream().write(42);
            client.getOutputStream().flush();
            peer.complete(name);
        } catch (IOException | RuntimeException e) {
            peer.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
