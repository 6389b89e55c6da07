package org.nestguard.agent.quarantine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.Optional;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.KeyWrap;

/**
 * The console's evidence public key on the device: item keys are wrapped for it, so only the console can unwrap
 * them. The device never holds the matching private key.
 */
public final class EvidenceKeyStore {
    private final AgentHome home;

    public EvidenceKeyStore(AgentHome home) {
        this.home = home;
    }

    /**
     * Checks and stores {@code pem}.
     *
     * @throws IllegalArgumentException when it is not one RSA public key of at least 3072 bits; nothing is stored
     */
    public PublicKey store(String pem, String source) throws IOException {
        PublicKey key = Pem.readPublicKey(pem, source);
        try {
            KeyWrap.requireStrong(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage() + "; the evidence key was not stored");
        }
        Files.createDirectories(home.root());
        home.writeAtomically(home.evidenceKey(), Pem.write(key).getBytes(StandardCharsets.US_ASCII), false);
        return key;
    }

    /** The stored key, or empty when the console has not sent one yet. */
    public Optional<PublicKey> read() throws IOException {
        Path file = home.evidenceKey();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pem.readPublicKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString()));
        } catch (IllegalArgumentException e) {
            throw new IOException("the stored evidence key " + file + " cannot be read (" + e.getMessage()
                    + "); the console sends it again with an evidence-key command", e);
        }
    }
}
