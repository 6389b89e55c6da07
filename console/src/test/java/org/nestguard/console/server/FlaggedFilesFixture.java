package org.nestguard.console.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.SecretKey;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileFlagged;
import org.nestguard.protocol.files.FileKind;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.files.QuarantineChange;
import org.nestguard.protocol.files.QuarantineItem;
import org.nestguard.protocol.files.VaultCipher;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.WireJson;

/** What an agent sends about flagged files, made for real: a sealed item with its key wrapped for the console. */
final class FlaggedFilesFixture {
    static final ObjectMapper JSON = WireJson.mapper();
    static final Instant T0 = Instant.parse("2026-01-12T10:00:00Z");

    private FlaggedFilesFixture() {
    }

    /** A file the agent isolated: its content (test only: the console never sees it), key and sealed bytes. */
    record Sealed(QuarantineItem item, byte[] content, SecretKey key, byte[] sealed) {
        String itemId() {
            return item.itemId();
        }
    }

    static Sealed seal(String account, String name, byte[] content, PublicKey evidenceKey) throws Exception {
        SecretKey key = VaultCipher.newKey();
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        VaultCipher.seal(new ByteArrayInputStream(content), sealed, key);
        FileFacts facts = new FileFacts("/home/" + account + "/Downloads/" + name, account, account, content.length,
                T0, null, FileKind.IMAGE, hex("SHA-256", content), hex("SHA-1", content), hex("MD5", content),
                null);
        QuarantineItem item = new QuarantineItem(UUID.randomUUID().toString(), facts, List.of(match(facts)), T0,
                KeyWrap.wrap(key, evidenceKey), KeyWrap.fingerprint(evidenceKey), sealed.size());
        return new Sealed(item, content, key, sealed.toByteArray());
    }

    static FileRuleMatch match(FileFacts facts) {
        return new FileRuleMatch(FileRuleMatch.Source.HASH_LIST, "police-list", "sha256:" + facts.sha256(),
                "on the police hash list");
    }

    static Event flagged(long sequence, Sealed sealed) {
        FileFlagged flag = new FileFlagged("flag-" + sealed.itemId(), sealed.item().facts(), sealed.item().matches(),
                sealed.itemId());
        return new Event(sequence, T0, FileFlagged.TYPE, JSON.valueToTree(flag));
    }

    static Event isolated(long sequence, Sealed sealed, String commandId) {
        return change(sequence, new QuarantineChange(sealed.itemId(), QuarantineChange.Action.ISOLATED,
                sealed.item(), commandId, "moved into the vault"));
    }

    static Event change(long sequence, QuarantineChange change) {
        return new Event(sequence, T0.plusSeconds(sequence), QuarantineChange.TYPE, JSON.valueToTree(change));
    }

    static Event event(long sequence, String type, Object payload) {
        return new Event(sequence, T0.plusSeconds(sequence), type, JSON.valueToTree(payload));
    }

    /** The archive the agent uploads for an export: sealed item, key wrapped for the recipient, manifest. */
    static byte[] archive(Sealed sealed, String recipientWrappedKey, String policeReference) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("item.ngv"));
            zip.write(sealed.sealed());
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("item.key"));
            zip.write(recipientWrappedKey.getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(JSON.writeValueAsBytes(Map.of("itemId", sealed.itemId(), "policeReference", policeReference,
                    "facts", sealed.item().facts())));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static String hex(String algorithm, byte[] content) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }
}
