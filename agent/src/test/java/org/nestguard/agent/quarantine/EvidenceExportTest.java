package org.nestguard.agent.quarantine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.files.FileCommands.EvidenceOrder;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.files.QuarantineChange;
import org.nestguard.protocol.files.QuarantineItem;
import org.nestguard.protocol.wire.WireJson;

/** The police evidence archive: the sealed item as it is, the recipient's key, and a manifest with custody. */
class EvidenceExportTest {
    @TempDir
    Path dir;
    private VaultFixture fixture;

    @AfterEach
    void close() throws IOException {
        fixture.outbox.close();
    }

    @Test
    void theArchiveHoldsTheSealedItemUnchangedTheRecipientKeyAndTheChainOfCustody() throws Exception {
        fixture = new VaultFixture(dir.resolve("data"), () -> true, VaultSteps.NONE); // on hold: export allowed
        Path file = Files.writeString(Files.createDirectories(dir.resolve("Pictures")).resolve("x.jpg"), "flagged");
        QuarantineItem item = fixture.vault.isolate(VaultFixture.facts(file), VaultFixture.MATCH, null);
        byte[] sealed = Files.readAllBytes(fixture.vault.store().sealed(item.itemId()));
        // The console rewraps the item key for the police recipient's key (here, the same test key pair).
        String recipientWrapped = KeyWrap.wrap(VaultFixture.itemKey(fixture.vault.list().get(0)),
                VaultFixture.EVIDENCE.getPublic());
        String fingerprint = KeyWrap.fingerprint(VaultFixture.EVIDENCE.getPublic());
        ByteArrayOutputStream uploaded = new ByteArrayOutputStream();
        String[] uploadedAs = new String[1];
        EvidenceExport export = new EvidenceExport(fixture.vault, "device-42", (exportId, body) -> {
            uploadedAs[0] = exportId;
            body.writeTo(uploaded);
        }, fixture.outbox, Clock.systemUTC());

        String detail = export.export(new EvidenceOrder(item.itemId(), "exp-1", recipientWrapped, fingerprint,
                "KENT-2026-001234"), "cmd-9");

        assertEquals("exp-1", uploadedAs[0]);
        Map<String, byte[]> entries = unzip(uploaded.toByteArray());
        assertEquals(List.of("item.ngv", "item.key", "manifest.json"), List.copyOf(entries.keySet()));
        assertArrayEquals(sealed, entries.get("item.ngv"), "the sealed item exactly as in the vault");
        assertEquals(recipientWrapped, new String(entries.get("item.key"), StandardCharsets.US_ASCII));
        JsonNode manifest = WireJson.mapper().readTree(entries.get("manifest.json"));
        assertEquals("KENT-2026-001234", manifest.get("policeReference").asText());
        assertEquals("device-42", manifest.get("deviceId").asText());
        assertEquals(fingerprint, manifest.get("recipientKeyFingerprint").asText());
        assertEquals(item.facts().sha256(), manifest.get("file").get("sha256").asText());
        assertEquals(List.of("isolated", "evidence-exported"), manifest.get("custody").findValuesAsText("action"));
        assertTrue(new String(entries.get("manifest.json"), StandardCharsets.UTF_8).indexOf("flagged") < 0,
                "the manifest carries no content");
        assertEquals(List.of("isolated", "evidence-exported"), fixture.vault.list().get(0).custody().stream()
                .map(CustodyEntry::action).toList(), "the export is in the item's own custody record");
        assertTrue(detail.contains("KENT-2026-001234"), detail);
        assertEquals("evidence-exported", fixture.events(QuarantineChange.TYPE).get(1).payload().get("action")
                .asText());
    }

    @Test
    void withoutAPoliceReferenceNothingIsExported() throws Exception {
        fixture = new VaultFixture(dir.resolve("data"), () -> false, VaultSteps.NONE);
        Path file = Files.writeString(Files.createDirectories(dir.resolve("Pictures")).resolve("y.jpg"), "flagged");
        QuarantineItem item = fixture.vault.isolate(VaultFixture.facts(file), VaultFixture.MATCH, null);
        EvidenceExport export = new EvidenceExport(fixture.vault, "device-42", (exportId, body) -> {
            throw new AssertionError("nothing may be uploaded");
        }, fixture.outbox, Clock.systemUTC());
        String wrapped = Base64.getEncoder().encodeToString(new byte[384]);

        VaultRefusedException refused = assertThrows(VaultRefusedException.class, () -> export.export(
                new EvidenceOrder(item.itemId(), "exp-2", wrapped, "a".repeat(64), " "), "cmd"));

        assertTrue(refused.getMessage().contains("needs the police reference"), refused.getMessage());
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
