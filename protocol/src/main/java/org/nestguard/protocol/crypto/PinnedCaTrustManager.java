package org.nestguard.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

import javax.net.ssl.X509TrustManager;

/**
 * Trusts a console only if its certificate chain leads to one CA: either the CA with a given fingerprint, which the
 * console must send in its chain (enrolment, before the agent holds the CA), or a stored CA certificate.
 *
 * <p>Refusals say which CA was expected and which was offered, so an operator can tell a mistyped fingerprint from
 * the wrong console.
 */
final class PinnedCaTrustManager implements X509TrustManager {
    private static final String WHAT_TO_DO = "Check the --ca-fingerprint given to the installer against the one the "
            + "console printed when it first started, and that the console URL points at the right console.";

    private final Fingerprint pinned;
    private final X509Certificate anchor;
    private final Clock clock;

    private PinnedCaTrustManager(Fingerprint pinned, X509Certificate anchor, Clock clock) {
        this.pinned = pinned;
        this.anchor = anchor;
        this.clock = clock;
    }

    /** Trusts the CA with this fingerprint when the server presents it. */
    static PinnedCaTrustManager byFingerprint(Fingerprint pinned, Clock clock) {
        return new PinnedCaTrustManager(pinned, null, clock);
    }

    /** Trusts only this CA certificate, whether or not the server presents it. */
    static PinnedCaTrustManager byCertificate(X509Certificate anchor, Clock clock) {
        return new PinnedCaTrustManager(Fingerprint.of(anchor), anchor, clock);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the console presented no certificate");
        }
        int caIndex = indexOfPinned(chain);
        X509Certificate ca = caIndex >= 0 ? chain[caIndex] : anchor;
        if (ca == null) {
            X509Certificate top = chain[chain.length - 1];
            throw new CertificateException("the console's certificate chain does not contain the CA with fingerprint "
                    + pinned + "; it offered '" + top.getSubjectX500Principal().getName() + "' with fingerprint "
                    + Fingerprint.of(top) + ". " + WHAT_TO_DO);
        }
        if (ca.getBasicConstraints() < 0) {
            throw new CertificateException("the certificate with fingerprint " + pinned + " ('"
                    + ca.getSubjectX500Principal().getName() + "') is not a CA certificate; give the fingerprint of "
                    + "the console's CA, not of its server certificate");
        }
        validate(Arrays.asList(chain).subList(0, caIndex >= 0 ? caIndex : chain.length), ca);
    }

    private int indexOfPinned(X509Certificate[] chain) {
        for (int i = 0; i < chain.length; i++) {
            if (Fingerprint.of(chain[i]).equals(pinned)) {
                return i;
            }
        }
        return -1;
    }

    private void validate(List<X509Certificate> path, X509Certificate ca) throws CertificateException {
        Date now = Date.from(clock.instant());
        try {
            ca.checkValidity(now);
        } catch (CertificateException e) {
            throw new CertificateException("the console's CA '" + ca.getSubjectX500Principal().getName()
                    + "' is not valid now (valid " + ca.getNotBefore() + " to " + ca.getNotAfter()
                    + "); check this device's clock, or renew the console's CA and enrol again", e);
        }
        if (path.isEmpty()) {
            return;
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
            // Revocation of console certificates is not published; the console checks device revocation itself.
            parameters.setRevocationEnabled(false);
            parameters.setDate(now);
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the console's certificate '"
                    + path.get(0).getSubjectX500Principal().getName() + "' is not validly issued by the CA with "
                    + "fingerprint " + pinned + ": " + e.getMessage() + ". " + WHAT_TO_DO, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager is for an agent calling its console, not for a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchor == null ? new X509Certificate[0] : new X509Certificate[] {anchor};
    }
}
