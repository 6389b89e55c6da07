package org.nestguard.console.pki;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;

import org.nestguard.protocol.crypto.KeyStores;
import org.nestguard.protocol.crypto.Pem;

/**
 * The key and certificate chain (server certificate first) the console's HTTPS server presents: issued by the
 * console's CA, or supplied by the operator as PEM files.
 */
public record ServerIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    public ServerIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a server identity needs its certificate; the chain is empty");
        }
    }

    /**
     * The operator's own PEM certificate chain and key, checked: the key belongs to the first certificate, that
     * certificate is valid now and usable for a TLS server, and each certificate is issued by the next.
     */
    public static ServerIdentity fromPem(Path certificateFile, Path keyFile, Clock clock) {
        List<X509Certificate> chain = Pem.readCertificates(Pem.readFile(certificateFile), certificateFile.toString());
        PrivateKey key = Pem.readPrivateKey(Pem.readFile(keyFile), keyFile.toString());
        X509Certificate server = chain.get(0);
        String name = "the server certificate '" + server.getSubjectX500Principal().getName() + "' in "
                + certificateFile;
        if (!KeyPairCheck.matches(key, server.getPublicKey())) {
            throw new IllegalArgumentException(keyFile + " is not the private key of " + name + "; give the key "
                    + "that was made with this certificate's request (the certificate must come first in the file)");
        }
        try {
            server.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException(name + " expired on " + server.getNotAfter().toInstant()
                    + "; renew it, or stop supplying your own certificate so the console uses its own CA");
        } catch (CertificateNotYetValidException e) {
            throw new IllegalArgumentException(name + " is not valid until " + server.getNotBefore().toInstant()
                    + "; check this machine's clock or wait until then");
        }
        requireServerAuth(server, name);
        requireOrdered(chain, certificateFile);
        KeyStrength.require(server.getPublicKey(), name);
        return new ServerIdentity(key, chain);
    }

    /** The server certificate itself. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** An in-memory key store holding this identity under {@code alias}, for Jetty's SslContextFactory. */
    public KeyStore keyStore(String alias, char[] password) {
        return KeyStores.identity(alias, privateKey, chain, password);
    }

    /** Names the certificate only: a record's default text would include the private key. */
    @Override
    public String toString() {
        return "ServerIdentity[" + certificate().getSubjectX500Principal().getName() + ", chain of " + chain.size()
                + "]";
    }

    private static void requireServerAuth(X509Certificate server, String name) {
        try {
            List<String> usages = server.getExtendedKeyUsage();
            if (usages != null && !usages.contains(SERVER_AUTH)) {
                throw new IllegalArgumentException(name + " is not for TLS servers (its extended key usage lacks "
                        + "serverAuth); use a certificate issued for a web server");
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException(name + " has an unreadable extended key usage extension", e);
        }
    }

    private static void requireOrdered(List<X509Certificate> chain, Path certificateFile) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(certificateFile + ": certificate " + (i + 1) + " ('"
                        + chain.get(i).getSubjectX500Principal().getName() + "') is not issued by certificate "
                        + (i + 2) + " ('" + chain.get(i + 1).getSubjectX500Principal().getName() + "'); put the "
                        + "server certificate first, then each issuer in turn");
            }
        }
    }
}
