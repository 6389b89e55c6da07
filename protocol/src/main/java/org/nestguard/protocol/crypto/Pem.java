package org.nestguard.protocol.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Reads and writes the PEM texts Nestguard exchanges and stores: X.509 certificates, PKCS#8 private keys,
 * X.509 {@code PUBLIC KEY} blocks and PKCS#10 certificate signing requests.
 *
 * <p>Errors name the source and what was expected; they never quote the text, since it may hold a private key.
 */
public final class Pem {
    // The JDK's own providers make the certificate and key objects, so JSSE and PKIX take them as their own.
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

    private Pem() {
    }

    /** One certificate as PEM text. */
    public static String write(X509Certificate certificate) {
        return writeAll(List.of(certificate));
    }

    /** A certificate chain as consecutive PEM blocks, in the order given (leaf first by convention). */
    public static String writeAll(List<X509Certificate> certificates) {
        return writeObjects(new ArrayList<Object>(certificates));
    }

    /** A private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block; the caller protects where it goes. */
    public static String write(PrivateKey key) {
        try {
            return writeObjects(List.of(new JcaPKCS8Generator(key, null).generate()));
        } catch (PemGenerationException e) {
            throw new IllegalArgumentException("cannot encode the " + key.getAlgorithm()
                    + " private key as PKCS#8", e);
        }
    }

    /** A public key as an X.509 {@code PUBLIC KEY} block. */
    public static String write(PublicKey key) {
        return writeObjects(List.of(key));
    }

    /** The single public key in {@code pem} ({@code PUBLIC KEY}, or the public key of a certificate). */
    public static PublicKey readPublicKey(String pem, String source) {
        List<Object> objects = parseAll(pem, source);
        if (objects.size() != 1) {
            throw new IllegalArgumentException(source + ": expected exactly one PEM public key but found "
                    + objects.size() + " PEM blocks");
        }
        Object object = objects.get(0);
        try {
            if (object instanceof SubjectPublicKeyInfo info) {
                return KEYS.getPublicKey(info);
            }
            if (object instanceof X509CertificateHolder holder) {
                return KEYS.getPublicKey(holder.getSubjectPublicKeyInfo());
            }
        } catch (PEMException e) {
            throw new IllegalArgumentException(source + ": the public key cannot be decoded; expected an RSA or EC "
                    + "key ('-----BEGIN PUBLIC KEY-----')");
        }
        throw new IllegalArgumentException(source + ": expected a PEM public key ('-----BEGIN PUBLIC KEY-----') but "
                + "found " + describe(object));
    }

    /** A certificate signing request as a {@code CERTIFICATE REQUEST} block. */
    public static String write(PKCS10CertificationRequest request) {
        return writeObjects(List.of(request));
    }

    /** The single certificate in {@code pem}; {@code source} names it in errors (a file name, "the CA field"). */
    public static X509Certificate readCertificate(String pem, String source) {
        List<X509Certificate> all = readCertificates(pem, source);
        if (all.size() != 1) {
            throw new IllegalArgumentException(source + ": expected exactly one certificate but found "
                    + all.size() + "; give only the one certificate");
        }
        return all.get(0);
    }

    /** Every certificate in {@code pem}, in order; at least one, and nothing but certificates. */
    public static List<X509Certificate> readCertificates(String pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : parseAll(pem, source)) {
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new IllegalArgumentException(source + ": expected only PEM certificates ('-----BEGIN "
                        + "CERTIFICATE-----') but found " + describe(object));
            }
            try {
                certificates.add(CERTIFICATES.getCertificate(holder));
            } catch (CertificateException e) {
                throw new IllegalArgumentException(source + ": certificate " + (certificates.size() + 1)
                        + " cannot be decoded: " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(source + ": no PEM certificate found; expected a block starting "
                    + "'-----BEGIN CERTIFICATE-----'");
        }
        return List.copyOf(certificates);
    }

    /**
     * The single private key in {@code pem}: PKCS#8 ({@code PRIVATE KEY}), or the OpenSSL {@code EC PRIVATE KEY}
     * and {@code RSA PRIVATE KEY} forms operators often have. Encrypted keys are refused with what to do.
     */
    public static PrivateKey readPrivateKey(String pem, String source) {
        List<Object> objects = parseAll(pem, source);
        if (objects.size() != 1) {
            throw new IllegalArgumentException(source + ": expected exactly one PEM private key but found "
                    + objects.size() + " PEM blocks");
        }
        Object object = objects.get(0);
        try {
            if (object instanceof PrivateKeyInfo info) {
                return KEYS.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return KEYS.getKeyPair(pair).getPrivate();
            }
        } catch (PEMException e) {
            // The cause may describe key material, so it is not chained into the message.
            throw new IllegalArgumentException(source + ": the private key cannot be decoded; expected an "
                    + "unencrypted PKCS#8 EC or RSA key ('-----BEGIN PRIVATE KEY-----')");
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
            throw new IllegalArgumentException(source + ": the private key is encrypted with a passphrase; "
                    + "decrypt it first (for example: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem) and "
                    + "keep the result readable only by the service account");
        }
        throw new IllegalArgumentException(source + ": expected a PEM private key ('-----BEGIN PRIVATE KEY-----')"
                + " but found " + describe(object));
    }

    /** The single certificate signing request in {@code pem}. */
    public static PKCS10CertificationRequest readCertificationRequest(String pem, String source) {
        List<Object> objects = parseAll(pem, source);
        if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest request)) {
            throw new IllegalArgumentException(source + ": expected exactly one PEM certificate signing request "
                    + "('-----BEGIN CERTIFICATE REQUEST-----') but found "
                    + (objects.isEmpty() ? "none" : describe(objects.get(0))));
        }
        return request;
    }

    /** The text of a PEM file, for the readers above; errors name the file. */
    public static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Object> parseAll(String pem, String source) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException(source + ": is empty; expected PEM text");
        }
        List<Object> objects = new ArrayList<>();
        try (Reader reader = new StringReader(pem); PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle's message can quote the offending text, which may be key material: leave it out.
            throw new IllegalArgumentException(source + ": is not valid PEM (a block between '-----BEGIN ...-----'"
                    + " and '-----END ...-----' lines could not be decoded)");
        }
        if (objects.isEmpty()) {
            throw new IllegalArgumentException(source + ": holds no PEM block; expected text starting with "
                    + "'-----BEGIN '");
        }
        return objects;
    }

    private static String describe(Object object) {
        if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair
                || object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
            return "a private key";
        }
        if (object instanceof X509CertificateHolder) {
            return "a certificate";
        }
        if (object instanceof PKCS10CertificationRequest) {
            return "a certificate signing request";
        }
        return "a PEM block of another kind";
    }

    private static String writeObjects(List<Object> objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PEM", e);
        }
        return text.toString();
    }
}
