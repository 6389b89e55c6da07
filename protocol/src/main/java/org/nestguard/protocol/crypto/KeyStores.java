package org.nestguard.protocol.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** In-memory key stores built from PEM-loaded objects, for JSSE and Jetty, which take key stores rather than keys. */
public final class KeyStores {
    private KeyStores() {
    }

    /**
     * A store holding one private key entry under {@code alias} with its chain (leaf first). The password only
     * satisfies the key store API; the store never leaves memory.
     */
    public static KeyStore identity(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an identity needs its certificate; the chain given is empty");
        }
        try {
            KeyStore store = empty();
            store.setKeyEntry(alias, key, password, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key and certificate chain cannot be put in a key store: "
                    + e.getMessage(), e);
        }
    }

    /** A store whose only entry is the trusted certificate {@code anchor}. */
    public static KeyStore trusting(X509Certificate anchor) {
        try {
            KeyStore store = empty();
            store.setCertificateEntry("ca", anchor);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the CA certificate cannot be put in a trust store: " + e.getMessage(),
                    e);
        }
    }

    private static KeyStore empty() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create an empty PKCS12 key store", e);
        }
    }
}
