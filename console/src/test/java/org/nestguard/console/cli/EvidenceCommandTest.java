package org.nestguard.console.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.console.cli.ConsoleCommandTest.Run;
import org.nestguard.console.store.AuditLog;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.Holds;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileKind;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.files.VaultCipher;
import org.nestguard.protocol.wire.DeviceFacts;
import org.nestguard.protocol.wire.WireJson;

/** {@code evidence open} on real sealed items, as the police run it; and {@code device revoke} on a held device. */
class EvidenceCommandTest {
    private static final ObjectMapper JSON = WireJson.mapper();
    private static KeyPair police;
    private static KeyPair stranger;

    @TempDir
    Path temp;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        police = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
    }

    static Run run(String... args) {
        return ConsoleCommandTest.run(args);
    }

    /** An archive as the agent writes it, of {@code content}, whose manifest records {@code recordedSha256}. */
    Path archive(String name, byte[] content, String recordedSha256) throws Exception {
        SecretKey key = VaultCipher.newKey();
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        VaultCipher.seal(new ByteArrayInputStream(content), sealed, key);
        FileFacts facts = new FileFacts("/home/pupil-amy/Pictures/" + name, "pupil-amy", "pupil-amy",
                content.length, Instant.parse("2026-01-12T10:00:00Z"), null, FileKind.IMAGE, recordedSha256, null,
                null, null);
        Path archive = temp.resolve(name + ".zip");
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("item.ngv"));
            zip.write(sealed.toByteArray());
            zip.putNextEntry(new ZipEntry("item.key"));
            zip.write(KeyWrap.wrap(key, police.getPublic()).getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(JSON.writeValueAsBytes(Map.of("itemId", "item-1", "policeReference", "KP-2026-0117",
                    "facts", facts)));
            zip.putNextEntry(new ZipEntry("custody.json"));
            zip.write("{\"decisions\":[{\"decision\":\"preserve\"}]}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return archive;
    }

    Path pem(KeyPair pair, String name) throws Exception {
        Path file = temp.resolve(name);
        Files.writeString(file, Pem.write(pair.getPrivate()));
        return file;
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void opensAMultiChunkItemAndVerifiesItAgainstTheManifest() throws Exception {
        byte[] content = new byte[VaultCipher.CHUNK_BYTES * 2 + 1234];
        new Random(7).nextBytes(content);
        Path archive = archive("photo.jpg", content, sha256(content));
        Path out = temp.resolve("out");
        Run opened = run("evidence", "open", archive.toString(), "--key", pem(police, "police.pem").toString(),
                "--out", out.toString());
        assertEquals(0, opened.exit(), opened.err());
        assertArrayEquals(content, Files.readAllBytes(out.resolve("photo.jpg")));
        assertTrue(opened.out().contains("KP-2026-0117"), "prints the manifest: " + opened.out());
        assertTrue(opened.out().contains("\"decision\":\"preserve\""), "prints the custody: " + opened.out());

        Run again = run("evidence", "open", archive.toString(), "--key", temp.resolve("police.pem").toString(),
                "--out", out.toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("exists already"), again.err());
        assertArrayEquals(content, Files.readAllBytes(out.resolve("photo.jpg")), "nothing is overwritten");
    }

    @Test
    void refusesAnotherKeyAndAnItemThatIsNotTheOneRecorded() throws Exception {
        byte[] content = "the item".getBytes(StandardCharsets.UTF_8);
        Path out = temp.resolve("out");
        Run wrongKey = run("evidence", "open", archive("a.jpg", content, sha256(content)).toString(), "--key",
                pem(stranger, "stranger.pem").toString(), "--out", out.toString());
        assertEquals(2, wrongKey.exit());
        assertTrue(wrongKey.err().contains("does not open with this private key"), wrongKey.err());

        Run altered = run("evidence", "open", archive("b.jpg", content, "0".repeat(64)).toString(), "--key",
                pem(police, "police.pem").toString(), "--out", out.toString());
        assertEquals(2, altered.exit());
        assertTrue(altered.err().contains("the file was not kept"), altered.err());
        assertFalse(Files.exists(out.resolve("b.jpg")));

        Files.writeString(temp.resolve("junk.zip"), "not a zip");
        Run junk = run("evidence", "open", temp.resolve("junk.zip").toString(), "--key",
                temp.resolve("police.pem").toString(), "--out", out.toString());
        assertEquals(2, junk.exit());
        assertTrue(junk.err().contains("not a zip"), junk.err());
    }

    @Test
    void deviceRevokeIsRefusedWhileTheDeviceIsOnHold() {
        String data = temp.resolve("data").toString();
        assertEquals(0, run("policy", "import", ConsoleCommandTest.POLICY.toString(), "--data", data).exit());
        String deviceId;
        try (Database database = Database.open(null, Path.of(data))) {
            Devices devices = new Devices(database, Clock.systemUTC());
            deviceId = devices.enrol("ditton-junior", new DeviceFacts("class-1", "linux", "Ubuntu", "24.04", "Acme",
                    "L3", "SN-1", "8d8ac610-566d-4ef0-9c22-186b2a5ed793", List.of()), "serial-1").deviceId();
            Person manager = new Person("k1", "Mo Manager", Set.of(Role.MANAGER), "ditton-junior", Set.of());
            new Holds(database, Clock.systemUTC(), new AuditLog(database, Clock.systemUTC()))
                    .place(manager, devices.find(deviceId).orElseThrow(), "police to be consulted", false);
        }
        Run revoke = run("device", "revoke", deviceId, "--data", data);
        assertEquals(2, revoke.exit());
        assertTrue(revoke.err().contains("on hold") && revoke.err().contains("police advice"), revoke.err());
    }
}
