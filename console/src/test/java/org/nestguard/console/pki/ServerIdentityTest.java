package org.nestguard.console.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.crypto.DeviceKeys;
import org.nestguard.protocol.crypto.Pem;

/** An operator's own certificate, simulated with a second console CA standing in for the school's CA. */
class ServerIdentityTest {
    private static final Clock CLOCK = Clock.systemUTC();
    @TempDir
    Path folder;
    private ServerIdentity operators;
    private Path certificateFile;
    private Path keyFile;

    @BeforeEach
    void operatorFiles() throws Exception {
        CertificateAuthority schoolCa = CertificateAuthority.openOrCreate(folder.resolve("school"), CLOCK);
        operators = schoolCa.issueServerIdentity(ServerNames.of(null, List.of("console.school.example")));
        certificateFile = Files.writeString(folder.resolve("server.crt"), Pem.writeAll(operators.chain()));
        keyFile = Files.writeString(folder.resolve("server.key"), Pem.write(operators.privateKey()));
    }

    @Test
    void aMatchingValidChainAndKeyAreAccepted() {
        ServerIdentity identity = ServerIdentity.fromPem(certificateFile, keyFile, CLOCK);

        assertEquals(operators.chain(), identity.chain());
        assertEquals(operators.certificate(), identity.certificate());
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefusedWithoutShowingIt() throws Exception {
        ServerIdentity other = CertificateAuthority.openOrCreate(folder.resolve("other"), CLOCK)
                .issueServerIdentity(ServerNames.of(null, List.of()));
        String otherKey = Pem.write(other.privateKey());
        Files.writeString(keyFile, otherKey);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ServerIdentity.fromPem(certificateFile, keyFile, CLOCK));

        assertTrue(error.getMessage().contains("is not the private key of the server certificate"),
                error.getMessage());
        assertFalse(error.getMessage().contains(otherKey.lines().skip(1).findFirst().orElseThrow()));
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsEndDate() {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(800)), ZoneOffset.UTC);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ServerIdentity.fromPem(certificateFile, keyFile, later));

        assertTrue(error.getMessage().contains("expired on " + operators.certificate().getNotAfter().toInstant()),
                error.getMessage());
    }

    @Test
    void aCertificateNotYetValidPointsAtTheClock() {
        Clock earlier = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ServerIdentity.fromPem(certificateFile, keyFile, earlier));

        assertTrue(error.getMessage().contains("check this machine's clock"), error.getMessage());
    }

    @Test
    void aChainInTheWrongOrderSaysHowToOrderIt() throws Exception {
        Files.writeString(certificateFile, Pem.writeAll(List.of(operators.chain().get(1), operators.chain().get(0))));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ServerIdentity.fromPem(certificateFile, keyFile, CLOCK));

        // The CA's key is not in server.key, so the key check speaks first and names the first certificate.
        assertTrue(error.getMessage().contains("the certificate must come first"), error.getMessage());
    }

    @Test
    void anIntermediateOutOfOrderIsNamed() throws Exception {
        Files.writeString(certificateFile, Pem.writeAll(List.of(operators.certificate(), operators.certificate())));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ServerIdentity.fromPem(certificateFile, keyFile, CLOCK));

        assertTrue(error.getMessage().contains("certificate 1"), error.getMessage());
        assertTrue(error.getMessage().contains("put the server certificate first"), error.getMessage());
    }

    @Test
    void aDeviceCertificateIsNotAcceptedAsAServerCertificate() throws Exception {
        CertificateAuthority schoolCa = CertificateAuthority.openOrCreate(folder.resolve("school"), CLOCK);
        DeviceKeys device = DeviceKeys.generate();
        Files.writeString(certificateFile, Pem.write(schoolCa.signDevice(device.certificationRequest("x"), "dev")));
        Files.writeString(keyFile, Pem.write(device.keyPair().getPrivate()));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ServerIdentity.fromPem(certificateFile, keyFile, CLOCK));

        assertTrue(error.getMessage().contains("lacks serverAuth"), error.getMessage());
    }

    @Test
    void itsTextNeverIncludesThePrivateKey() {
        String text = operators.toString();

        assertTrue(text.contains("CN="), text);
        assertFalse(text.toLowerCase(Locale.ROOT).contains("private"), text);
    }
}
