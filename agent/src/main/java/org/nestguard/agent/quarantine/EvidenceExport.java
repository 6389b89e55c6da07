package org.nestguard.agent.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.transport.StreamedBody;
import org.nestguard.protocol.files.FileCommands.EvidenceOrder;
import org.nestguard.protocol.files.QuarantineChange;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A police evidence archive of one item, written as it is uploaded: {@code item.ngv} (the sealed item exactly as it
 * is in the vault, never re-encrypted nor opened), {@code item.key} (the item key the console rewrapped for the
 * police recipient) and {@code manifest.json} (metadata, hashes, police reference, recipient, device, export time
 * and the device-side chain of custody). Allowed on hold: it deletes nothing.
 */
public final class EvidenceExport {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceExport.class);
    private static final Pattern EXPORT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    /** Sends an archive to the console ({@code ConsoleClient.putEvidence}); returns only once it is stored. */
    @FunctionalInterface
    public interface Upload {
        void put(String exportId, StreamedBody archive) throws IOException;
    }

    private final Vault vault;
    private final String deviceId;
    private final Upload upload;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json = WireJson.mapper();

    public EvidenceExport(Vault vault, String deviceId, Upload upload, Outbox outbox, Clock clock) {
        this.vault = vault;
        this.deviceId = deviceId;
        this.upload = upload;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Writes and uploads the archive; returns what was done, for the command result. */
    public String export(EvidenceOrder order, String commandId) throws VaultRefusedException, IOException {
        String problem = problemWith(order);
        if (problem != null) {
            throw new VaultRefusedException("evidence export refused: " + problem + "; nothing was exported");
        }
        VaultStore store = vault.store();
        VaultRecord record = store.record(order.itemId()).filter(r -> Files.isRegularFile(store.sealed(r.itemId())))
                .orElseThrow(() -> new VaultRefusedException("this device's vault holds no item " + order.itemId()
                        + "; nothing was exported"));
        Instant now = clock.instant();
        CustodyEntry exported = new CustodyEntry(now, "evidence-exported", "export " + order.exportId()
                + " for police reference " + order.policeReference() + " to recipient key "
                + order.recipientKeyFingerprint() + (commandId == null ? "" : ", console command " + commandId));
        upload.put(order.exportId(), out -> write(out, order, record.with(exported), now));
        vault.addCustody(record.itemId(), exported);
        String detail = "evidence archive " + order.exportId() + " of item " + record.itemId()
                + " (police reference " + order.policeReference() + ") uploaded to the console";
        outbox.append(QuarantineChange.TYPE, json.valueToTree(new QuarantineChange(record.itemId(),
                QuarantineChange.Action.EVIDENCE_EXPORTED, null, commandId, detail)));
        LOG.info("Exported evidence {} of vault item {}", order.exportId(), record.itemId());
        return detail;
    }

    private void write(OutputStream out, EvidenceOrder order, VaultRecord record, Instant now) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry("item.ngv"));
        MessageDigest digest = sha256();
        try (InputStream sealed = Files.newInputStream(vault.store().sealed(record.itemId()))) {
            OutputStream hashed = new DigestOutputStream(zip, digest);
            sealed.transferTo(hashed);
            hashed.flush();
        }
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("item.key"));
        zip.write(order.recipientWrappedKey().getBytes(StandardCharsets.US_ASCII));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                manifest(order, record, now, HexFormat.of().formatHex(digest.digest()))));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    private ObjectNode manifest(EvidenceOrder order, VaultRecord record, Instant now, String sealedSha256) {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", "nestguard-evidence-1");
        manifest.put("exportId", order.exportId());
        manifest.put("policeReference", order.policeReference());
        manifest.put("recipientKeyFingerprint", order.recipientKeyFingerprint());
        manifest.put("deviceId", deviceId);
        manifest.put("exportedAt", now.toString());
        manifest.put("itemId", record.itemId());
        manifest.set("file", json.valueToTree(record.item().facts()));
        manifest.set("matches", json.valueToTree(record.item().matches()));
        manifest.put("isolatedAt", record.item().isolatedAt().toString());
        ObjectNode sealed = manifest.putObject("sealed");
        sealed.put("entry", "item.ngv");
        sealed.put("bytes", record.item().vaultBytes());
        sealed.put("sha256", sealedSha256);
        sealed.put("format", "NGV1: AES-256-GCM over 1 MiB chunks (STREAM); see VaultCipher");
        sealed.put("key", "item.key: the AES-256 item key, RSA-OAEP (SHA-256, MGF1-SHA-256) wrapped for the "
                + "recipient key, base64");
        ArrayNode custody = manifest.putArray("custody");
        for (CustodyEntry entry : record.custody()) {
            custody.add(json.valueToTree(entry));
        }
        return manifest;
    }

    private static String problemWith(EvidenceOrder order) {
        if (order == null || order.itemId() == null || !VaultStore.isItemId(order.itemId())) {
            return "the order names no vault item id";
        }
        if (order.exportId() == null || !EXPORT_ID.matcher(order.exportId()).matches()) {
            return "the export id must be 1 to 64 letters, digits or hyphens";
        }
        if (order.policeReference() == null || order.policeReference().isBlank()) {
            return "an evidence export needs the police reference";
        }
        if (order.recipientKeyFingerprint() == null || !FINGERPRINT.matcher(order.recipientKeyFingerprint())
                .matches()) {
            return "the recipient key fingerprint must be 64 lower-case hex digits";
        }
        try {
            if (order.recipientWrappedKey() == null
                    || Base64.getDecoder().decode(order.recipientWrappedKey()).length < 256) {
                return "the recipient-wrapped item key is missing or too short for RSA-3072";
            }
        } catch (IllegalArgumentException e) {
            return "the recipient-wrapped item key is not base64";
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
