package org.nestguard.agent.quarantine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.files.IsolationRefusedException;
import org.nestguard.agent.outbox.RetentionHold;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.files.QuarantineChange;
import org.nestguard.protocol.files.QuarantineItem;

class VaultTest {
    @TempDir
    Path dir;
    private VaultFixture fixture;

    @AfterEach
    void close() throws IOException {
        if (fixture != null) {
            fixture.outbox.close();
        }
    }

    private VaultFixture open(RetentionHold hold) throws IOException {
        fixture = new VaultFixture(dir.resolve("data"), hold, VaultSteps.NONE);
        return fixture;
    }

    /** 2.5 MiB of random bytes (three cipher chunks), modified a year ago, mode 0640. */
    private Path photo(String name) throws IOException {
        Path file = Files.createDirectories(dir.resolve("home/pupil1/Pictures")).resolve(name);
        byte[] bytes = new byte[(5 << 20) / 2];
        new Random(7).nextBytes(bytes);
        Files.write(file, bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-11-30T08:15:30.123456Z")));
        return file;
    }

    @Test
    void isolationLeavesTheNoteAndReleaseRestoresTheSameBytesWithTheirTimesAndMode() throws Exception {
        VaultFixture f = open(RetentionHold.NONE);
        Path photo = photo("IMG_0001.jpg");
        byte[] original = Files.readAllBytes(photo);
        FileFacts facts = VaultFixture.facts(photo);

        QuarantineItem item = f.vault.isolate(facts, VaultFixture.MATCH, null);

        String note = Files.readString(photo);
        assertTrue(note.contains("isolated by Ditton CE Junior School under its safeguarding policy"), note);
        assertTrue(note.contains("Ms Patel") && note.contains(item.itemId()), note);
        assertEquals(List.of(item.itemId()), f.vault.list().stream().map(VaultRecord::itemId).toList());
        assertEquals(1, f.events(QuarantineChange.TYPE).size());
        assertNoPlainCopy(original, f);

        VaultRecord record = f.vault.list().get(0);
        String detail = f.vault.release(item.itemId(), VaultFixture.itemKey(record), "cmd-1");

        assertTrue(detail.contains("restored to " + photo), detail);
        assertArrayEquals(original, Files.readAllBytes(photo));
        assertEquals(facts.sha256(), Vault.sha256Of(photo));
        assertEquals(facts.modified(), Files.getLastModifiedTime(photo).toInstant());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(photo)));
        assertEquals(List.of(), f.vault.list());
        assertEquals(List.of(), Files.list(f.home.vault()).toList(), "nothing of the item is left in the vault");
        assertEquals(List.of(photo.getFileName().toString()),
                Files.list(photo.getParent()).map(p -> p.getFileName().toString()).toList(), "no temporary left");
        assertEquals(List.of("isolated", "released"), f.events(QuarantineChange.TYPE).stream()
                .map(e -> e.payload().get("action").asText()).toList());
    }

    @Test
    void theVaultIsOwnerOnlyAndAnotherAccountCannotReadTheItemOrItsRecord() throws Exception {
        VaultFixture f = open(RetentionHold.NONE);
        QuarantineItem item = f.vault.isolate(VaultFixture.facts(photo("a.jpg")), VaultFixture.MATCH, null);
        VaultStore store = new VaultStore(f.home.vault());

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.folder())));
        for (Path file : List.of(store.sealed(item.itemId()), store.recordFile(item.itemId()))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    file.toString());
        }
        assumeTrue("root".equals(System.getProperty("user.name")),
                "reading the vault as another account needs root (runuser); CI runs as root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "runuser (util-linux) is missing");
        // The temporary folder itself must be passable for the test to prove the vault's own mode refuses it.
        for (Path p = store.folder().getParent(); p != null && p.startsWith(dir.getParent()); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals("root", Files.getOwner(store.folder()).getName());
        for (Path file : List.of(store.sealed(item.itemId()), store.recordFile(item.itemId()))) {
            Process cat = new ProcessBuilder("runuser", "-u", "nobody", "--", "cat", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(cat.waitFor(30, TimeUnit.SECONDS));
            assertNotEquals(0, cat.exitValue(), "nobody read " + file + ": " + output);
            assertTrue(output.contains("Permission denied"), output);
        }
    }

    @Test
    void theDeviceCannotDecrypt() throws Exception {
        VaultFixture f = open(RetentionHold.NONE);
        Path photo = photo("b.jpg");
        byte[] original = Files.readAllBytes(photo);
        QuarantineItem item = f.vault.isolate(VaultFixture.facts(photo), VaultFixture.MATCH, null);
        byte[] rawKey = VaultFixture.itemKey(f.vault.list().get(0)).getEncoded();

        List<Path> files;
        try (Stream<Path> walk = Files.walk(f.home.root())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY"),
                    file + " holds a private key");
            assertFalse(contains(bytes, rawKey), file + " holds the plain item key");
            assertFalse(contains(bytes, java.util.Arrays.copyOf(original, 4096)), file + " holds plain content");
        }
        assertEquals(KeyWrap.fingerprint(VaultFixture.EVIDENCE.getPublic()), item.evidenceKeyFingerprint());
    }

    @Test
    void aFileChangedSinceItWasHashedStaysWhereItIs() throws Exception {
        VaultFixture f = open(RetentionHold.NONE);
        Path photo = photo("c.jpg");
        FileFacts facts = VaultFixture.facts(photo);
        FileFacts stale = new FileFacts(facts.path(), facts.account(), facts.owner(), facts.size(), facts.modified(),
                null, facts.kind(), "0".repeat(64), null, null, AccountKind.LEARNER);
        byte[] original = Files.readAllBytes(photo);

        IsolationRefusedException refused = assertThrows(IsolationRefusedException.class,
                () -> f.vault.isolate(stale, VaultFixture.MATCH, null));

        assertTrue(refused.getMessage().contains("has changed since it was hashed"), refused.getMessage());
        assertArrayEquals(original, Files.readAllBytes(photo));
        assertEquals(List.of(), Files.list(f.home.vault()).toList(), "no part, record or journal is left");
    }

    @Test
    void withoutTheEvidenceKeyIsolationIsRefusedAndTheFileStays() throws Exception {
        VaultFixture f = open(RetentionHold.NONE);
        Files.delete(f.home.evidenceKey());
        Path photo = photo("d.jpg");

        IsolationRefusedException refused = assertThrows(IsolationRefusedException.class,
                () -> f.vault.isolate(VaultFixture.facts(photo), VaultFixture.MATCH, null));

        assertTrue(refused.getMessage().contains("no evidence key"), refused.getMessage());
        assertEquals(2_621_440, Files.size(photo));
    }

    @Test
    void aSymlinkIsNeverIsolated() throws Exception {
        VaultFixture f = open(RetentionHold.NONE);
        Path photo = photo("e.jpg");
        Path link = Files.createSymbolicLink(photo.resolveSibling("link.jpg"), photo);
        FileFacts facts = VaultFixture.facts(photo);
        FileFacts viaLink = new FileFacts(link.toString(), "pupil1", "root", facts.size(), facts.modified(), null,
                facts.kind(), facts.sha256(), null, null, AccountKind.LEARNER);

        IsolationRefusedException refused = assertThrows(IsolationRefusedException.class,
                () -> f.vault.isolate(viaLink, VaultFixture.MATCH, null));
        assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());
    }

    @Test
    void destroyNeedsBothConfirmationsAndThenLeavesNothing() throws Exception {
        VaultFixture f = open(RetentionHold.NONE);
        QuarantineItem item = f.vault.isolate(VaultFixture.facts(photo("f.jpg")), VaultFixture.MATCH, null);

        for (boolean[] confirmations : new boolean[][] {{false, false}, {true, false}, {false, true}}) {
            VaultRefusedException refused = assertThrows(VaultRefusedException.class,
                    () -> f.vault.destroy(item.itemId(), confirmations[0], confirmations[1], "cmd"));
            assertTrue(refused.getMessage().contains("must confirm both"), refused.getMessage());
            assertEquals(1, f.vault.list().size(), "nothing was deleted");
        }
        String detail = f.vault.destroy(item.itemId(), true, true, "cmd-2");

        assertTrue(detail.contains("SSD"), detail);
        assertEquals(List.of(), Files.list(f.home.vault()).toList());
        assertEquals("destroyed", f.events(QuarantineChange.TYPE).get(1).payload().get("action").asText());
    }

    @Test
    void onHoldReleaseAndDestroyAreRefused() throws Exception {
        boolean[] onHold = {false};
        VaultFixture f = open(() -> onHold[0]);
        QuarantineItem item = f.vault.isolate(VaultFixture.facts(photo("g.jpg")), VaultFixture.MATCH, null);
        SecretKey key = VaultFixture.itemKey(f.vault.list().get(0));
        onHold[0] = true;

        VaultRefusedException release = assertThrows(VaultRefusedException.class,
                () -> f.vault.release(item.itemId(), key, "cmd"));
        VaultRefusedException destroy = assertThrows(VaultRefusedException.class,
                () -> f.vault.destroy(item.itemId(), true, true, "cmd"));

        assertTrue(release.getMessage().contains(Vault.ON_HOLD), release.getMessage());
        assertTrue(destroy.getMessage().contains(Vault.ON_HOLD), destroy.getMessage());
        assertEquals(1, f.vault.list().size());
    }

    @Test
    void aPathTakenByAnotherFileGetsTheReleaseBesideIt() throws Exception {
        VaultFixture f = open(RetentionHold.NONE);
        Path photo = photo("report.pdf");
        byte[] original = Files.readAllBytes(photo);
        QuarantineItem item = f.vault.isolate(VaultFixture.facts(photo), VaultFixture.MATCH, null);
        Files.writeString(photo, "a new report the pupil wrote since");

        String detail = f.vault.release(item.itemId(), VaultFixture.itemKey(f.vault.list().get(0)), "cmd");

        assertEquals("a new report the pupil wrote since", Files.readString(photo));
        Path beside;
        try (Stream<Path> files = Files.list(photo.getParent())) {
            beside = files.filter(p -> p.getFileName().toString().startsWith("report (restored ")).findFirst()
                    .orElseThrow();
        }
        assertTrue(beside.getFileName().toString().endsWith(").pdf"), beside.toString());
        assertArrayEquals(original, Files.readAllBytes(beside));
        assertTrue(detail.contains("restored beside it as " + beside), detail);
    }

    @Test
    void aWrongKeyRestoresNothingAndLeavesNoTemporary() throws Exception {
        VaultFixture f = open(RetentionHold.NONE);
        Path photo = photo("h.jpg");
        QuarantineItem item = f.vault.isolate(VaultFixture.facts(photo), VaultFixture.MATCH, null);

        VaultRefusedException refused = assertThrows(VaultRefusedException.class,
                () -> f.vault.release(item.itemId(), KeyWrap.aesKey(new byte[32]), "cmd"));

        assertTrue(refused.getMessage().contains("does not open item"), refused.getMessage());
        assertTrue(Files.readString(photo).contains(item.itemId()), "the note is still at the path");
        assertEquals(1, Files.list(photo.getParent()).count(), "no temporary is left beside the path");
        assertEquals(1, f.vault.list().size());
    }

    @Test
    void aReleaseIntoAFolderSwappedForASymlinkIsRefused() throws Exception {
        VaultFixture f = open(RetentionHold.NONE);
        Path photo = photo("i.jpg");
        QuarantineItem item = f.vault.isolate(VaultFixture.facts(photo), VaultFixture.MATCH, null);
        Path pictures = photo.getParent();
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.move(pictures, dir.resolve("moved-away"));
        Files.createSymbolicLink(pictures, etc);

        VaultRefusedException refused = assertThrows(VaultRefusedException.class,
                () -> f.vault.release(item.itemId(), VaultFixture.itemKey(f.vault.list().get(0)), "cmd"));

        assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());
        assertEquals(List.of(), Files.list(etc).toList(), "nothing was written through the link");
        assertEquals(1, f.vault.list().size());
    }

    @Test
    void aFolderSwappedForALinkDuringTheReleaseCannotSteerTheWrite() throws Exception {
        // The race the check before a release cannot close: the learner swaps the folder for a link to /etc after
        // the check. On Linux every write is made through the folder held open, so it still lands in the folder.
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.newDirectoryStream(dir) instanceof java.nio.file.SecureDirectoryStream<?>,
                "this platform cannot hold a folder open (no SecureDirectoryStream): the check narrows the window");
        Path photo = photo("j.jpg");
        Path pictures = photo.getParent();
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path heldAway = dir.resolve("held-away");
        VaultSteps swap = (itemId, step) -> {
            if (step == VaultStep.JOURNALLED && !Files.isSymbolicLink(pictures)) {
                try {
                    Files.move(pictures, heldAway);
                    Files.createSymbolicLink(pictures, etc);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        VaultFixture setUp = open(RetentionHold.NONE);
        QuarantineItem item = setUp.vault.isolate(VaultFixture.facts(photo), VaultFixture.MATCH, null);
        setUp.outbox.close();
        fixture = new VaultFixture(dir.resolve("data"), RetentionHold.NONE, swap);

        fixture.vault.release(item.itemId(), VaultFixture.itemKey(fixture.vault.list().get(0)), "cmd");

        assertEquals(List.of(), Files.list(etc).toList(), "nothing was written through the link");
        assertEquals(List.of(heldAway.resolve("j.jpg")), Files.list(heldAway).toList(),
                "the file is back in the folder that was opened, under its own name");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void assertNoPlainCopy(byte[] original, VaultFixture f) throws IOException {
        try (Stream<Path> files = Files.list(f.home.vault())) {
            for (Path file : files.toList()) {
                assertFalse(contains(Files.readAllBytes(file), java.util.Arrays.copyOf(original, 64)),
                        file + " holds the content in the clear");
            }
        }
    }
}
