package org.nestguard.agent.transport;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Why a call never got an HTTP answer: the console was not trusted (the TLS pin failed) or could not be reached.
 * Kept apart because an operator fixes the first by checking the fingerprint and the second by starting the console.
 */
record CallFailure(boolean untrusted, String message) {

    static CallFailure of(URI console, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                // The pinned trust manager's sentence names both fingerprints and what to do.
                return new CallFailure(true, cause.getMessage());
            }
        }
        if (error instanceof SSLException) {
            return new CallFailure(true, "the TLS handshake with " + console + " failed (" + error.getMessage()
                    + "); check the console URL and that the console's certificate is current");
        }
        String what;
        if (error instanceof HttpTimeoutException) {
            what = "did not answer in time";
        } else if (error instanceof ConnectException) {
            what = "refused the connection";
        } else if (error instanceof UnresolvedAddressException || error.getCause() instanceof UnresolvedAddressException) {
            what = "has a host name that does not resolve";
        } else {
            what = "could not be reached (" + (error.getMessage() == null ? error.getClass().getSimpleName()
                    : error.getMessage()) + ")";
        }
        return new CallFailure(false, "the console at " + console + " " + what + "; is it running at " + console
                + " and reachable from this device?");
    }

}
