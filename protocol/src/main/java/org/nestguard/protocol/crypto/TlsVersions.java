package org.nestguard.protocol.crypto;

import java.util.List;

/** The TLS versions agent and console speak: 1.3 and 1.2 only, whatever the JDK's defaults allow. */
public final class TlsVersions {
    /** Protocol names as JSSE and Jetty spell them, newest first. */
    public static final List<String> ENABLED = List.of("TLSv1.3", "TLSv1.2");

    private TlsVersions() {
    }

    /** {@link #ENABLED} as the array {@code SSLParameters.setProtocols} and Jetty's include list take. */
    public static String[] enabled() {
        return ENABLED.toArray(String[]::new);
    }
}
