package org.nestguard.protocol.crypto;

import java.io.IOException;
import java.net.InetSocketAddress;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * What an agent needs to call the console: the context (trust and, once enrolled, identity) and the parameters that
 * hold it to TLS 1.2+ with host name checking. Hand both to {@code HttpClient.Builder.sslContext/.sslParameters}.
 */
public record ClientTls(SSLContext context, SSLParameters parameters) {

    /** A socket to {@code host:port} with the parameters applied, handshake started; for tests and load harnesses. */
    public SSLSocket connect(String host, int port, int timeoutMillis) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
