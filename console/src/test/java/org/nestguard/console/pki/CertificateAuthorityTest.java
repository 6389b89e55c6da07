package org.nestguard.console.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.crypto.Pem;

class CertificateAuthorityTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path data;

    @Test
    void firstStartCreatesTheCaAndLaterStartsLoadTheSameOne() {
        CertificateAuthority first = CertificateAuthority.openOrCreate(data, CLOCK);
        CertificateAuthority second = CertificateAuthority.openOrCreate(data, CLOCK);

        assertTrue(first.created());
        assertFalse(second.created());
        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(first.certificate(), Pem.readCertificate(Pem.readFile(data.resolve("pki/ca.crt")), "ca.crt"));
        assertTrue(Files.exists(data.resolve("pki/ca.key")));
    }

    @Test
    void theCaIsALongLivedP384CertificateAuthority() {
        X509Certificate ca = CertificateAuthority.openOrCreate(data, CLOCK).certificate();

        assertTrue(ca.getBasicConstraints() >= 0, "basicConstraints CA");
        boolean[] usage = ca.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertEquals(384, ((ECPublicKey) ca.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        Duration life = Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant());
        assertTrue(life.toDays() >= 3650, life.toString());
    }

    @Test
    void keyIsReadableByTheOwnerOnlyAndTheFolderIsPrivate() throws Exception {
        assumeTrue(data.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        CertificateAuthority.openOrCreate(data, CLOCK);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pki"))));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pki/ca.key"))));
    }

    @Test
    void looseningThePermissionsIsUndoneAtTheNextStart() throws Exception {
        assumeTrue(data.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        CertificateAuthority.openOrCreate(data, CLOCK);
        Files.setPosixFilePermissions(data.resolve("pki/ca.key"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data.resolve("pki"), PosixFilePermissions.fromString("rwxr-xr-x"));

        CertificateAuthority.openOrCreate(data, CLOCK);

        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pki/ca.key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pki"))));
    }

    @Test
    void aMissingKeyIsAnErrorNotASilentNewCa() throws Exception {
        CertificateAuthority.openOrCreate(data, CLOCK);
        Files.delete(data.resolve("pki/ca.key"));

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> CertificateAuthority.openOrCreate(data, CLOCK));

        assertTrue(error.getMessage().contains("ca.key"), error.getMessage());
        assertTrue(error.getMessage().contains("restore both from backup"), error.getMessage());
        assertFalse(Files.exists(data.resolve("pki/ca.key")), "nothing was recreated");
    }

    @Test
    void aKeyFromAnotherCaIsRefusedWithoutShowingIt(@TempDir Path elsewhere) throws Exception {
        CertificateAuthority.openOrCreate(data, CLOCK);
        CertificateAuthority.openOrCreate(elsewhere, CLOCK);
        String otherKey = Files.readString(elsewhere.resolve("pki/ca.key"));
        Files.writeString(data.resolve("pki/ca.key"), otherKey);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> CertificateAuthority.openOrCreate(data, CLOCK));

        assertTrue(error.getMessage().contains("is not the key of"), error.getMessage());
        assertFalse(error.getMessage().contains(otherKey.lines().skip(1).findFirst().orElseThrow()));
    }

    @Test
    void anExpiredCaSaysWhatToDo() {
        CertificateAuthority.openOrCreate(data, CLOCK);
        Clock eleventhYear = Clock.fixed(Instant.now().plus(Duration.ofDays(4100)), ZoneOffset.UTC);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> CertificateAuthority.openOrCreate(data, eleventhYear));

        assertTrue(error.getMessage().contains("expired on"), error.getMessage());
    }

    @Test
    void serverCertificateNamesTheLoopbackTheMachineAndExtraNamesForServerAuth() throws Exception {
        CertificateAuthority ca = CertificateAuthority.openOrCreate(data, CLOCK);

        ServerIdentity identity = ca.issueServerIdentity(
                ServerNames.of("Console-Host", List.of("nestguard.school.example", "10.0.0.5", "fe80::1")));

        X509Certificate server = identity.certificate();
        List<String> names = server.getSubjectAlternativeNames().stream().map(name -> name.get(1).toString())
                .toList();
        assertTrue(names.containsAll(List.of("localhost", "console-host", "nestguard.school.example", "127.0.0.1",
                "10.0.0.5")), names.toString());
        assertTrue(names.stream().anyMatch(name -> name.equals("0:0:0:0:0:0:0:1")), names.toString());
        assertTrue(names.stream().anyMatch(name -> name.startsWith("fe80:0:0:0:0:0:0:1")), names.toString());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
        assertEquals(-1, server.getBasicConstraints());
        assertEquals(List.of(server, ca.certificate()), identity.chain());
        server.verify(ca.certificate().getPublicKey());
    }

    @Test
    void aServerNameThatIsNeitherHostNorAddressIsRefusedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ServerNames.of("host", List.of("https://console.example/")));

        assertTrue(error.getMessage().contains("'https://console.example/'"), error.getMessage());
        assertTrue(error.getMessage().contains("neither a host name"), error.getMessage());
    }

    @Test
    void eachStartIssuesAFreshServerKey() {
        CertificateAuthority ca = CertificateAuthority.openOrCreate(data, CLOCK);
        ServerNames names = ServerNames.of(null, List.of());

        assertNotEquals(ca.issueServerIdentity(names).certificate().getPublicKey(),
                ca.issueServerIdentity(names).certificate().getPublicKey());
    }
}
