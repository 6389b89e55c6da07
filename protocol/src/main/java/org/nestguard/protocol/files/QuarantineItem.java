package org.nestguard.protocol.files;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A file isolated in the agent's vault: its metadata and hashes taken before the move, and its item key wrapped
 * for the console's evidence key. The device cannot unwrap it; only the console can, and only for a DSL's release
 * or a police evidence export.
 *
 * @param itemId          random; names the item on the device and the console
 * @param facts           the file as found, hashed before the move
 * @param matches         why it was isolated
 * @param wrappedKey      the AES-256 item key, RSA-OAEP (SHA-256) wrapped for the evidence key, base64
 * @param evidenceKeyFingerprint SHA-256 of the evidence public key's DER encoding, hex: which key unwraps it
 * @param vaultBytes      the size of the encrypted item in the vault
 */
public record QuarantineItem(String itemId, FileFacts facts, List<FileRuleMatch> matches, Instant isolatedAt,
                             String wrappedKey, String evidenceKeyFingerprint, long vaultBytes) {
    public QuarantineItem {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(facts, "facts");
        matches = List.copyOf(matches);
        Objects.requireNonNull(isolatedAt, "isolatedAt");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        Objects.requireNonNull(evidenceKeyFingerprint, "evidenceKeyFingerprint");
    }
}
