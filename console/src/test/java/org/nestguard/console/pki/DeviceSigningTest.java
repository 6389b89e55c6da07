package org.nestguard.console.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.crypto.DeviceKeys;
import org.nestguard.protocol.crypto.Pem;

class DeviceSigningTest {
    @TempDir
    Path data;
    private CertificateAuthority ca;

    @BeforeEach
    void openCa() {
        ca = CertificateAuthority.openOrCreate(data, Clock.systemUTC());
    }

    @Test
    void agentCsrBecomesAClientCertificateForTheGivenDeviceThatValidatesToTheCa() throws Exception {
        DeviceKeys device = DeviceKeys.generate();

        X509Certificate certificate = ca.signDevice(device.certificationRequestPem("LAPTOP-12"), "dev-7f3a");

        assertEquals("CN=dev-7f3a", certificate.getSubjectX500Principal().getName());
        assertEquals(device.keyPair().getPublic(), certificate.getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), certificate.getExtendedKeyUsage());
        assertEquals(-1, certificate.getBasicConstraints());
        long days = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant())
                .toDays();
        assertTrue(days >= 729 && days <= 731, days + " days");

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }

    @Test
    void everyCertificateGetsADifferentPositiveSerial() {
        PKCS10CertificationRequest request = DeviceKeys.generate().certificationRequest("host");

        X509Certificate first = ca.signDevice(request, "dev-1");
        X509Certificate second = ca.signDevice(request, "dev-1");

        assertNotEquals(first.getSerialNumber(), second.getSerialNumber());
        assertTrue(first.getSerialNumber().signum() > 0);
        assertTrue(first.getSerialNumber().bitLength() > 64, "unguessable, not a counter");
    }

    @Test
    void aCsrAlteredAfterSigningIsRefused() throws Exception {
        PKCS10CertificationRequest original = DeviceKeys.generate().certificationRequest("host");
        CertificationRequest structure = original.toASN1Structure();
        CertificationRequestInfo info = structure.getCertificationRequestInfo();
        CertificationRequestInfo altered = new CertificationRequestInfo(new X500Name("CN=someone-else"),
                info.getSubjectPublicKeyInfo(), info.getAttributes());
        PKCS10CertificationRequest tampered = new PKCS10CertificationRequest(new CertificationRequest(altered,
                structure.getSignatureAlgorithm(), structure.getSignature()));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ca.signDevice(tampered, "dev-2"));

        assertTrue(error.getMessage().contains("signature does not verify"), error.getMessage());
    }

    @Test
    void aWeakRsaKeyIsRefusedWithWhatIsNeeded() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        PKCS10CertificationRequest request = request(generator.generateKeyPair(), "SHA256withRSA");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ca.signDevice(request, "dev-3"));

        assertTrue(error.getMessage().contains("1024-bit RSA key, which is too weak"), error.getMessage());
        assertTrue(error.getMessage().contains("at least 2048"), error.getMessage());
    }

    @Test
    void anEcKeyOnAnotherCurveIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        PKCS10CertificationRequest request = request(generator.generateKeyPair(), "SHA512withECDSA");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ca.signDevice(request, "dev-4"));

        assertTrue(error.getMessage().contains("not P-256 or P-384"), error.getMessage());
    }

    @Test
    void aStrongRsaKeyIsAccepted() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);

        X509Certificate certificate = ca.signDevice(request(generator.generateKeyPair(), "SHA256withRSA"), "dev-5");

        assertEquals("CN=dev-5", certificate.getSubjectX500Principal().getName());
    }

    @Test
    void textThatIsNotACsrAndAMissingDeviceIdAreRefused() {
        String notCsr = Pem.write(ca.certificate());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ca.signDevice(notCsr, "dev-6"))
                .getMessage().contains("expected exactly one PEM certificate signing request"));
        PKCS10CertificationRequest request = DeviceKeys.generate().certificationRequest("host");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ca.signDevice(request, " "))
                .getMessage().contains("needs a device id"));
    }

    private static PKCS10CertificationRequest request(KeyPair keys, String signature) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=host"), keys.getPublic())
                .build(new JcaContentSignerBuilder(signature).build(keys.getPrivate()));
    }
}
