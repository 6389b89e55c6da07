package org.nestguard.console.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.nestguard.protocol.crypto.Fingerprint;
import org.nestguard.protocol.crypto.Pem;

/**
 * The console's own certificate authority: made on first start in {@code <data>/pki}, loaded afterwards; it issues
 * the console's server certificate and signs each device's certificate at enrolment.
 */
public final class CertificateAuthority {
    /** How long the CA lasts; replacing it means every device enrols again. */
    static final Duration CA_LIFETIME = Duration.ofDays(3653);
    /** How long a device certificate lasts; re-enrolment renews it. */
    static final Duration DEVICE_LIFETIME = Duration.ofDays(730);
    /** How long a server certificate lasts; the console issues a fresh one at every start. */
    static final Duration SERVER_LIFETIME = Duration.ofDays(397);
    // Devices' clocks drift; a certificate valid from slightly in the past works on a device that runs behind.
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final String CURVE = "secp384r1";
    private static final String SIGNATURE = "SHA384withECDSA";

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final boolean created;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CertificateAuthority(PrivateKey key, X509Certificate certificate, boolean created, Clock clock) {
        this.key = key;
        this.certificate = certificate;
        this.created = created;
        this.clock = clock;
    }

    /**
     * Loads the CA from {@code <dataDir>/pki}, or creates it there when there is none. A damaged or half-present CA
     * is an error saying what to restore, never silently replaced, since that would cut off every device.
     */
    public static CertificateAuthority openOrCreate(Path dataDir, Clock clock) {
        CaFolder folder = new CaFolder(dataDir);
        try (FileChannel lock = folder.lock()) {
            if (folder.holdsCa()) {
                return load(folder, clock);
            }
            CertificateAuthority authority = create(clock);
            folder.save(authority.key, authority.certificate);
            return authority;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + folder.certificateFile().getParent(), e);
        }
    }

    private static CertificateAuthority load(CaFolder folder, Clock clock) {
        X509Certificate certificate = folder.readCertificate();
        PrivateKey key = folder.readKey();
        if (!KeyPairCheck.matches(key, certificate.getPublicKey())) {
            throw new IllegalStateException(folder.keyFile() + " is not the key of " + folder.certificateFile()
                    + "; restore the pair from the same backup");
        }
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalStateException(folder.certificateFile() + " is not a CA certificate; restore the "
                    + "console's own ca.crt and ca.key");
        }
        if (certificate.getNotAfter().toInstant().isBefore(clock.instant())) {
            throw new IllegalStateException("the console's CA in " + folder.certificateFile() + " expired on "
                    + certificate.getNotAfter().toInstant() + "; move that folder away to create a new CA, then "
                    + "enrol every device again");
        }
        return new CertificateAuthority(key, certificate, false, clock);
    }

    private static CertificateAuthority create(Clock clock) {
        KeyPair keys = generate(CURVE);
        byte[] tag = new byte[4];
        new SecureRandom().nextBytes(tag);
        // The random tag tells two consoles' CAs apart in an operator's certificate list.
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Nestguard")
                .addRDN(BCStyle.CN, "Nestguard Console CA " + HexFormat.of().formatHex(tag))
                .build();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, randomSerial(new SecureRandom()),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_LIFETIME)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys.getPrivate(), sign(builder, keys.getPrivate()), true, clock);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the console's CA certificate", e);
        }
    }

    /** The CA certificate, which agents pin by fingerprint and then trust. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA's SHA-256 fingerprint, printed at first start for installers' {@code --ca-fingerprint}. */
    public Fingerprint fingerprint() {
        return Fingerprint.of(certificate);
    }

    /** Whether this start created the CA (so the console should print its fingerprint prominently). */
    public boolean created() {
        return created;
    }

    /** A fresh server key and certificate for {@code names} (serverAuth), chained to this CA. */
    public ServerIdentity issueServerIdentity(ServerNames names) {
        KeyPair keys = generate("secp256r1");
        List<GeneralName> alternatives = new ArrayList<>();
        names.hostNames().forEach(name -> alternatives.add(new GeneralName(GeneralName.dNSName, name)));
        names.ipAddresses().forEach(address -> alternatives.add(new GeneralName(GeneralName.iPAddress, address)));
        String commonName = names.hostNames().size() > 1 ? names.hostNames().get(1) : names.hostNames().get(0);
        try {
            X509v3CertificateBuilder builder = issued(commonName, keys.getPublic(), SERVER_LIFETIME)
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alternatives.toArray(GeneralName[]::new)))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return new ServerIdentity(keys.getPrivate(), List.of(sign(builder, key), certificate));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode the server certificate's names", e);
        }
    }

    /**
     * Signs a device's request into its certificate: subject {@code CN=deviceId} (the request's own subject is
     * ignored), clientAuth, a fresh random serial, {@link #DEVICE_LIFETIME} but never beyond the CA. A request whose
     * signature does not verify or whose key is weak is an {@link IllegalArgumentException} saying why.
     */
    public X509Certificate signDevice(PKCS10CertificationRequest request, String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("a device certificate needs a device id; none was given");
        }
        PublicKey deviceKey = SigningRequests.verifiedKey(request);
        try {
            X509v3CertificateBuilder builder = issued(deviceId, deviceKey, DEVICE_LIFETIME)
                    .addExtension(Extension.keyUsage, true, new KeyUsage(deviceKey.getAlgorithm().equals("RSA")
                            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return sign(builder, key);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode the device certificate", e);
        }
    }

    /** {@link #signDevice(PKCS10CertificationRequest, String)} for the PEM text an enrolment request carries. */
    public X509Certificate signDevice(String csrPem, String deviceId) {
        return signDevice(Pem.readCertificationRequest(csrPem, "the enrolment request's CSR"), deviceId);
    }

    private X509v3CertificateBuilder issued(String commonName, PublicKey subjectKey, Duration lifetime)
            throws CertIOException {
        Instant now = clock.instant();
        Instant end = now.plus(lifetime);
        if (end.isAfter(certificate.getNotAfter().toInstant())) {
            end = certificate.getNotAfter().toInstant();
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            return new JcaX509v3CertificateBuilder(certificate, randomSerial(random), Date.from(now.minus(BACKDATE)),
                    Date.from(end), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute key identifiers", e);
        }
    }

    // 159 random bits: positive and within RFC 5280's 20 octets, and unguessable.
    private static BigInteger randomSerial(SecureRandom random) {
        return new BigInteger(159, random).setBit(152);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot sign a certificate with the CA key", e);
        }
    }

    private static KeyPair generate(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make EC " + curve + " keys", e);
        }
    }
}
