package org.nestguard.console.agentapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.nestguard.console.pki.EvidenceKey;
import org.nestguard.console.store.QuarantineItems;
import org.nestguard.console.store.StoredCommand;
import org.nestguard.console.store.WrappedItemKey;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the item key into a release command at the moment it is handed to its device in a check-in answer: the key
 * is unwrapped with the evidence key here, lives only in that answer (mutual TLS, this device only), and is never
 * stored or logged. A release whose item has no pending release any more (withdrawn by a hold) is not sent.
 */
final class ReleaseKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseKeys.class);

    private final QuarantineItems quarantine;
    private final EvidenceKey evidenceKey;

    ReleaseKeys(QuarantineItems quarantine, EvidenceKey evidenceKey) {
        this.quarantine = quarantine;
        this.evidenceKey = evidenceKey;
    }

    /** The release with its key, or null when it must not be sent now (said in the log, without the key). */
    Command withKey(String deviceId, StoredCommand release) {
        JsonNode itemId = release.payload().get("itemId");
        if (itemId == null || !itemId.isTextual()) {
            LOG.error("Release command {} for device {} names no item; it is not sent", release.id(), deviceId);
            return null;
        }
        Optional<WrappedItemKey> wrapped = quarantine.releaseKey(deviceId, itemId.asText());
        if (wrapped.isEmpty()) {
            LOG.warn("Release command {} for device {}: item {} has no release pending (the device is on hold, or "
                    + "the item is gone); it is not sent", release.id(), deviceId, itemId.asText());
            return null;
        }
        SecretKey key;
        try {
            key = evidenceKey.unwrap(wrapped.get());
        } catch (GeneralSecurityException e) {
            LOG.error("Release command {} for device {}: the key of item {} does not unwrap ({}); it is not sent",
                    release.id(), deviceId, itemId.asText(), e.getMessage());
            return null;
        }
        FileCommands.ReleaseOrder order = new FileCommands.ReleaseOrder(itemId.asText(),
                Base64.getEncoder().encodeToString(key.getEncoded()));
        return new Command(release.id(), release.type(), WireJson.mapper().valueToTree(order));
    }
}
