package org.nestguard.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The agent's TLS to its console: at enrolment it trusts exactly the CA whose fingerprint the installer gave; once
 * enrolled it presents the device certificate and trusts only the stored CA. TLS 1.2+ with host name checking.
 */
public final class PinnedTrust {
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private final Clock clock;

    /** {@code clock} decides whether certificates are valid "now"; the system clock in production. */
    public PinnedTrust(Clock clock) {
        this.clock = clock;
    }

    /**
     * Client TLS for enrolment, trusting only a CA with this fingerprint (any form {@link Fingerprint#parse}
     * takes; a malformed one is an {@link IllegalArgumentException}). The console must send its CA in its chain.
     */
    public ClientTls forEnrolment(String caFingerprint) {
        return build(null, PinnedCaTrustManager.byFingerprint(Fingerprint.parse(caFingerprint), clock));
    }

    /**
     * Client TLS after enrolment: {@code key} and {@code chain} (device certificate first) as client identity,
     * {@code ca} as the only trust anchor.
     */
    public ClientTls forDevice(PrivateKey key, List<X509Certificate> chain, X509Certificate ca) {
        try {
            KeyStore identity = KeyStores.identity("device", key, chain, IN_MEMORY);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, IN_MEMORY);
            return build(keys.getKeyManagers(), PinnedCaTrustManager.byCertificate(ca, clock));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the device key and certificate cannot be used as a TLS identity: "
                    + e.getMessage() + "; enrol the device again", e);
        }
    }

    /** Just the trust decision of {@link #forEnrolment}, for a caller that builds its own context. */
    public X509TrustManager trustManagerFor(String caFingerprint) {
        return PinnedCaTrustManager.byFingerprint(Fingerprint.parse(caFingerprint), clock);
    }

    private static ClientTls build(KeyManager[] keyManagers, X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, new TrustManager[] {trust}, new SecureRandom());
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(TlsVersions.enabled());
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            return new ClientTls(context, parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot create a TLS context", e);
        }
    }
}
