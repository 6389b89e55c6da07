package org.nestguard.console.server;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.nestguard.console.pki.ServerIdentity;
import org.nestguard.protocol.crypto.KeyStores;
import org.nestguard.protocol.crypto.TlsVersions;

import java.security.cert.X509Certificate;

/**
 * The console's only listener: HTTPS with TLS 1.2/1.3, the server identity, and client certificates asked for
 * (not required, since an enrolling device has none yet) and trusted only when issued by the console's CA.
 */
public final class TlsConnector {
    // the key store never leaves memory; Jetty's API wants a password all the same
    private static final String IN_MEMORY = "in-memory";

    private final ServerIdentity identity;
    private final X509Certificate ca;
    private final String bindAddress;
    private final int port;

    public TlsConnector(ServerIdentity identity, X509Certificate ca, String bindAddress, int port) {
        this.identity = identity;
        this.ca = ca;
        this.bindAddress = bindAddress;
        this.port = port;
    }

    /** A connector for {@code server}, built on Javalin's HTTP configuration. */
    public ServerConnector build(Server server, HttpConfiguration base) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(identity.keyStore("console", IN_MEMORY.toCharArray()));
        ssl.setKeyStorePassword(IN_MEMORY);
        ssl.setTrustStore(KeyStores.trusting(ca));
        ssl.setWantClientAuth(true);
        ssl.setIncludeProtocols(TlsVersions.enabled());
        HttpConfiguration https = new HttpConfiguration(base);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // agents check the host name themselves; an operator's certificate need not list every name they use
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(bindAddress);
        connector.setPort(port);
        return connector;
    }
}
