package org.nestguard.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A device's own EC P-256 key pair, made on the device, and the certificate signing request it sends at enrolment. */
public final class DeviceKeys {
    /** The subject name used when the device cannot tell its host name; the console names the device anyway. */
    public static final String PLACEHOLDER_NAME = "nestguard-device";
    private static final String CURVE = "secp256r1";
    private static final String SIGNATURE = "SHA256withECDSA";
    // An RFC 5280 CommonName is at most 64 characters; a longer host name is cut rather than refused.
    private static final int MAX_COMMON_NAME = 64;

    private final KeyPair keyPair;

    /** Wraps an existing key pair, for example one loaded back from the agent's data folder. */
    public DeviceKeys(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /** A fresh P-256 key pair from the JDK's default secure random source. */
    public static DeviceKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            return new DeviceKeys(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make EC P-256 keys; use a full JDK 17 or later",
                    e);
        }
    }

    /** The key pair; the private half is for the agent's key store only. */
    public KeyPair keyPair() {
        return keyPair;
    }

    /**
     * A PKCS#10 request signed with the private key, subject {@code CN=hostname} (or {@link #PLACEHOLDER_NAME} when
     * the host name is blank). The console sets the certificate's real subject; this one is only a hint.
     */
    public PKCS10CertificationRequest certificationRequest(String hostname) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName(hostname)).build();
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(keyPair.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic()).build(signer);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the certificate request with " + SIGNATURE, e);
        }
    }

    /** The same request as PEM, ready for {@code EnrollmentRequest.csrPem}. */
    public String certificationRequestPem(String hostname) {
        return Pem.write(certificationRequest(hostname));
    }

    private static String commonName(String hostname) {
        if (hostname == null || hostname.isBlank()) {
            return PLACEHOLDER_NAME;
        }
        String name = hostname.strip();
        return name.length() > MAX_COMMON_NAME ? name.substring(0, MAX_COMMON_NAME) : name;
    }
}
