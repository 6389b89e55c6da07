package org.nestguard.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class PemTest {

    @Test
    void certificateChainRoundTripsInOrder() throws Exception {
        TestAuthority ca = TestAuthority.create("Round Trip CA");
        X509Certificate server = ca.issueServer(DeviceKeys.generate().keyPair().getPublic());

        String pem = Pem.writeAll(List.of(server, ca.certificate()));

        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(List.of(server, ca.certificate()), Pem.readCertificates(pem, "chain.pem"));
        assertEquals(ca.certificate(), Pem.readCertificate(Pem.write(ca.certificate()), "ca.crt"));
    }

    @Test
    void privateKeyIsWrittenAsPkcs8AndReadBack() {
        PrivateKey key = DeviceKeys.generate().keyPair().getPrivate();

        String pem = Pem.write(key);

        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem.lines().findFirst().orElse(""));
        assertArrayEquals(key.getEncoded(), Pem.readPrivateKey(pem, "device.key").getEncoded());
    }

    @Test
    void openSslTraditionalRsaKeyIsAccepted() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        java.io.StringWriter text = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key); // Bouncy Castle writes a JCA RSA key in the "RSA PRIVATE KEY" form
        }
        assertTrue(text.toString().startsWith("-----BEGIN RSA PRIVATE KEY-----"));

        assertArrayEquals(key.getEncoded(), Pem.readPrivateKey(text.toString(), "server.key").getEncoded());
    }

    @Test
    void csrRoundTrips() throws Exception {
        PKCS10CertificationRequest request = DeviceKeys.generate().certificationRequest("lab-07");

        PKCS10CertificationRequest back = Pem.readCertificationRequest(Pem.write(request), "csr");

        assertArrayEquals(request.getEncoded(), back.getEncoded());
    }

    @Test
    void aKeyWhereACertificateIsExpectedIsNamedAndTheKeyIsNotQuoted() {
        String keyPem = Pem.write(DeviceKeys.generate().keyPair().getPrivate());
        String body = keyPem.lines().skip(1).findFirst().orElseThrow();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Pem.readCertificates(keyPem, "server.crt"));

        assertTrue(error.getMessage().startsWith("server.crt: expected only PEM certificates"), error.getMessage());
        assertTrue(error.getMessage().contains("found a private key"), error.getMessage());
        assertFalse(error.getMessage().contains(body.substring(0, 20)), "the key must not appear in the message");
    }

    @Test
    void corruptPemSaysWhatIsWrongWithoutQuotingIt() {
        String broken = "-----BEGIN PRIVATE KEY-----\nTUFMRk9STUVEIEtFWSBNQVRFUklBTA!!!\n-----END PRIVATE KEY-----\n";

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey(broken, "device.key"));

        assertTrue(error.getMessage().startsWith("device.key: "), error.getMessage());
        assertFalse(error.getMessage().contains("TUFMRk9S"), error.getMessage());
    }

    @Test
    void emptyAndNonPemTextAreRefusedWithTheExpectedForm() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pem.readCertificate("  ", "ca.crt"))
                .getMessage().contains("is empty"));
        String notPem = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pem.readCertificate(notPem, "ca.crt"))
                .getMessage().contains("'-----BEGIN "));
    }

    @Test
    void encryptedKeyIsRefusedWithHowToDecryptIt() {
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                + "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAhYd7tN+Y7hIAICCAAw\n"
                + "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEJ3XGpkQx+T3mSmh0H6ipf0EQNQO\n"
                + "n2i2mVt3yNl8YKh1r6x8Q4A3Ts4uo4zC3N4HkT7SxOkWqk5uVw3W+d7U0v3b1qUH\n"
                + "bE0m8G1WfQe2cV8Hq0o=\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n";

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey(encrypted, "server.key"));

        assertTrue(error.getMessage().contains("encrypted with a passphrase"), error.getMessage());
    }

    @Test
    void twoCertificatesWhereOneIsExpectedIsRefused() throws Exception {
        TestAuthority ca = TestAuthority.create("One CA");
        String two = Pem.writeAll(List.of(ca.certificate(), ca.certificate()));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Pem.readCertificate(two, "ca.crt"));

        assertTrue(error.getMessage().contains("exactly one certificate but found 2"), error.getMessage());
    }
}
