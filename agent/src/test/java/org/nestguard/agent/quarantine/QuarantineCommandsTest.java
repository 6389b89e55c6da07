package org.nestguard.agent.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.files.WatchedFiles;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LockedAccount;
import org.nestguard.agent.platform.LogonLock;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.MediaCount;
import org.nestguard.protocol.files.OutingReadiness;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.WireJson;

/** The flagged-file commands as the console sends them: each refusal is a clear failed result. */
class QuarantineCommandsTest {
    @TempDir
    Path dir;
    private VaultFixture fixture;
    private HoldState holdState;
    private Path watched;
    private final List<Path> described = new ArrayList<>();
    private List<MediaCount> media = List.of();
    private QuarantineCommands commands;

    /** The scanner's contract, over one watched folder: what WatchedFiles.describe promises to refuse. */
    private final WatchedFiles watchedFiles = new WatchedFiles() {
        @Override
        public FileFacts describe(Path path) throws IOException {
            described.add(path);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException(path + " does not exist");
            }
            if (!path.toRealPath().startsWith(watched.toRealPath())) {
                throw new IllegalArgumentException(path + " resolves to " + path.toRealPath()
                        + ", outside every watched folder");
            }
            return VaultFixture.facts(path.toRealPath());
        }

        @Override
        public List<FileFacts> withSha256(String sha256) throws IOException {
            List<FileFacts> found = new ArrayList<>();
            try (var files = Files.list(watched)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    FileFacts facts = VaultFixture.facts(file);
                    if (facts.sha256().equals(sha256)) {
                        found.add(facts);
                    }
                }
            }
            return found;
        }
    };

    @BeforeEach
    void setUp() throws IOException {
        holdState = HoldState.open(new org.nestguard.agent.enrolment.AgentHome(dir.resolve("data")));
        fixture = new VaultFixture(dir.resolve("data"), holdState, VaultSteps.NONE);
        watched = Files.createDirectories(dir.resolve("home/pupil1/Downloads"));
        LogonLock noLock = new LogonLock() {
            @Override
            public LockedAccount lock(LocalAccount account) {
                throw new AssertionError("these tests hold without a lock");
            }

            @Override
            public void unlock(LockedAccount locked) {
                throw new AssertionError("these tests hold without a lock");
            }
        };
        DeviceHold hold = new DeviceHold(holdState, org.mockito.Mockito.mock(AccountProbe.class), noLock, () -> null,
                fixture.outbox,
                Clock.systemUTC());
        commands = new QuarantineCommands(fixture.vault, watchedFiles, hold, new EvidenceKeyStore(fixture.home),
                new EvidenceExport(fixture.vault, "device-1", (id, body) -> { }, fixture.outbox, Clock.systemUTC()),
                () -> media, fixture.outbox);
    }

    @AfterEach
    void close() throws IOException {
        fixture.outbox.close();
    }

    private CommandOutcome run(String type, Object payload) {
        return commands.execute(new Command("cmd-" + type, type, WireJson.mapper().valueToTree(payload)));
    }

    private Path download(String name, String text) throws IOException {
        return Files.writeString(watched.resolve(name), text);
    }

    @Test
    void isolateByPathMovesAWatchedFileIntoTheVault() throws Exception {
        Path file = download("tool.exe", "MZ pretend executable");

        CommandOutcome outcome = run(FileCommands.ISOLATE, new FileCommands.IsolateOrder(file.toString(), null,
                "the DSL asked"));

        assertTrue(outcome.done(), outcome.message());
        assertTrue(Files.readString(file).contains("isolated by Ditton CE Junior School"));
        assertEquals(FileRuleMatch.Source.REQUEST, fixture.vault.list().get(0).item().matches().get(0).source());
        assertEquals("the DSL asked", fixture.vault.list().get(0).item().matches().get(0).reason());
    }

    @Test
    void isolateByHashIsolatesEveryWatchedCopy() throws Exception {
        download("a.jpg", "same bytes");
        download("b.jpg", "same bytes");
        download("c.jpg", "other bytes");
        String sha = Vault.sha256Of(watched.resolve("a.jpg"));

        CommandOutcome outcome = run(FileCommands.ISOLATE,
                new FileCommands.IsolateOrder(null, sha.toUpperCase(), null));

        assertTrue(outcome.done(), outcome.message());
        assertTrue(outcome.message().startsWith("isolated 2 of 2 file(s)"), outcome.message());
        assertEquals(2, fixture.vault.list().size());
        assertEquals("other bytes", Files.readString(watched.resolve("c.jpg")));
    }

    @Test
    void badIsolateOrdersAreRefusedWithWhatWasWrong() throws Exception {
        Path outside = Files.writeString(Files.createDirectories(dir.resolve("etc")).resolve("shadow"), "secret");
        Path link = Files.createSymbolicLink(watched.resolve("innocent.jpg"), outside);
        String[][] cases = {
            {watched + "/../../../etc/shadow", null, "contains '..'"},
            {"home/pupil1/Downloads/tool.exe", null, "is a relative path"},
            {link.toString(), null, "outside every watched folder"},
            {watched.resolve("gone.jpg").toString(), null, "does not exist"},
            {null, "12345", "is not a SHA-256"},
            {null, null, "names neither"},
            {watched.resolve("x").toString(), "0".repeat(64), "names both"},
        };
        for (String[] c : cases) {
            CommandOutcome outcome = run(FileCommands.ISOLATE, new FileCommands.IsolateOrder(c[0], c[1], null));
            assertFalse(outcome.done(), c[2]);
            assertTrue(outcome.message().contains(c[2]), "expected '" + c[2] + "' in: " + outcome.message());
        }
        assertEquals(List.of(link, watched.resolve("gone.jpg")), described,
                "traversal, relative and hash mistakes are refused before anything is looked up");
        assertEquals("secret", Files.readString(outside));
        assertEquals(List.of(), fixture.vault.list());
    }

    @Test
    void onHoldReleaseDestroyAndOutingAreRefusedAndAnExportIsNot() throws Exception {
        Path file = download("photo.jpg", "flagged");
        assertTrue(run(FileCommands.ISOLATE, new FileCommands.IsolateOrder(file.toString(), null, null)).done());
        VaultRecord record = fixture.vault.list().get(0);
        String key = Base64.getEncoder().encodeToString(VaultFixture.itemKey(record).getEncoded());

        assertTrue(run(FileCommands.HOLD, new FileCommands.HoldOrder("hold-1", false)).done());
        CommandOutcome release = run(FileCommands.RELEASE, new FileCommands.ReleaseOrder(record.itemId(), key));
        CommandOutcome destroy = run(FileCommands.DESTROY, new FileCommands.DestroyOrder(record.itemId(), true, true));
        CommandOutcome outing = run(FileCommands.OUTING_CHECK, new FileCommands.OutingQuery("outing-1"));

        for (CommandOutcome refused : List.of(release, destroy, outing)) {
            assertFalse(refused.done());
            assertTrue(refused.message().contains("the device is on hold until police advice has been sought"),
                    refused.message());
        }
        assertFalse(release.message().contains(key), "the release key is never repeated");
        JsonNode readiness = fixture.events(OutingReadiness.TYPE).get(0).payload();
        assertEquals(Vault.ON_HOLD, readiness.get("refusedBecause").asText());
        assertEquals(1, fixture.vault.list().size(), "nothing was released or destroyed");
        assertTrue(holdState.active());
        assertTrue(Files.exists(fixture.home.holdFile()), "the hold survives a restart");

        assertFalse(run(FileCommands.LIFT_HOLD, new FileCommands.HoldLift("hold-other")).done(),
                "another hold id lifts nothing");
        assertTrue(run(FileCommands.LIFT_HOLD, new FileCommands.HoldLift("hold-1")).done());
        assertTrue(run(FileCommands.RELEASE, new FileCommands.ReleaseOrder(record.itemId(), key)).done());
        assertEquals("flagged", Files.readString(file));
    }

    @Test
    void releaseWithAMalformedKeyFailsWithoutEchoingIt() throws Exception {
        Path file = download("photo.jpg", "flagged");
        assertTrue(run(FileCommands.ISOLATE, new FileCommands.IsolateOrder(file.toString(), null, null)).done());
        String itemId = fixture.vault.list().get(0).itemId();

        CommandOutcome outcome = run(FileCommands.RELEASE, new FileCommands.ReleaseOrder(itemId, "c2VjcmV0LWtleQ=="));

        assertFalse(outcome.done());
        assertTrue(outcome.message().contains("no usable item key"), outcome.message());
        assertFalse(outcome.message().contains("c2VjcmV0LWtleQ"), outcome.message());
    }

    @Test
    void outingReadinessCountsPhotosAndVideos() throws Exception {
        media = List.of(new MediaCount("pupil1", "Pictures", 0, 0, 0, null));
        CommandOutcome ready = run(FileCommands.OUTING_CHECK, new FileCommands.OutingQuery("o-1"));
        media = List.of(new MediaCount("pupil1", "DCIM", 12, 1, 40_000_000, Instant.parse("2026-11-30T10:00:00Z")));
        CommandOutcome notReady = run(FileCommands.OUTING_CHECK, new FileCommands.OutingQuery("o-2"));

        assertTrue(ready.done() && ready.message().startsWith("ready"), ready.message());
        assertTrue(notReady.message().contains("12 photo(s) and 1 video(s)"), notReady.message());
        List<Boolean> readiness = fixture.events(OutingReadiness.TYPE).stream()
                .map(e -> e.payload().get("ready").asBoolean()).toList();
        assertEquals(List.of(true, false), readiness);
    }

    @Test
    void anEvidenceKeyCommandStoresAStrongKeyAndRefusesAWeakOne() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String weak = Pem.write(generator.generateKeyPair().getPublic());

        CommandOutcome refused = run(FileCommands.EVIDENCE_KEY, new FileCommands.EvidenceKey(weak));
        CommandOutcome stored = run(FileCommands.EVIDENCE_KEY,
                new FileCommands.EvidenceKey(Pem.write(VaultFixture.EVIDENCE.getPublic())));

        assertFalse(refused.done());
        assertTrue(refused.message().contains("2048 bits; at least 3072"), refused.message());
        assertTrue(stored.done(), stored.message());
    }

    @Test
    void aPayloadOfTheWrongShapeIsRefused() {
        ObjectNode payload = WireJson.mapper().createObjectNode().put("noOtherAgencyNeeded", "perhaps");
        CommandOutcome outcome = commands.execute(new Command("c", FileCommands.DESTROY, payload));
        assertFalse(outcome.done());
        assertTrue(outcome.message().contains("cannot be read as DestroyOrder"), outcome.message());
        assertTrue(QuarantineCommands.handles(FileCommands.OUTING_CHECK));
        assertFalse(QuarantineCommands.handles("check-now"));
    }
}
