package org.nestguard.agent.quarantine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.SecretKey;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.outbox.RetentionHold;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileKind;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.wire.Event;

/** A data folder with an evidence key whose private half only the test holds, and a vault over it. */
final class VaultFixture {
    /**
     * The console's evidence key pair for every test, read from a test resource (made once with {@code openssl
     * genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072}): generating one each run is slow on a busy machine.
     */
    static final KeyPair EVIDENCE = testKey();
    static final List<FileRuleMatch> MATCH = List.of(new FileRuleMatch(FileRuleMatch.Source.HASH_LIST,
            "police-list", "sha256", "on the police hash list"));
    static final IsolationNote NOTE = new IsolationNote("Ditton CE Junior School", List.of("Ms Patel"),
            ZoneOffset.UTC);

    final AgentHome home;
    final Outbox outbox;
    final Vault vault;

    VaultFixture(Path root, RetentionHold hold, VaultSteps steps) throws IOException {
        home = new AgentHome(root);
        home.create();
        new EvidenceKeyStore(home).store(Pem.write(EVIDENCE.getPublic()), "test evidence key");
        outbox = Outbox.open(home.outbox(), OutboxConfig.defaults());
        vault = new Vault(new VaultStore(home.vault()), new EvidenceKeyStore(home), outbox, hold, () -> NOTE,
                Clock.systemUTC(), steps);
    }

    /** The facts the scanner would give for {@code file}, hashed now. */
    static FileFacts facts(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        return new FileFacts(file.toString(), "pupil1", Files.getOwner(file).getName(), attributes.size(),
                attributes.lastModifiedTime().toInstant(), null, FileKind.IMAGE, Vault.sha256Of(file), null, null, AccountKind.LEARNER);
    }

    /** The item key as the console unwraps it. */
    static SecretKey itemKey(VaultRecord record) throws GeneralSecurityException {
        return KeyWrap.unwrap(record.item().wrappedKey(), EVIDENCE.getPrivate());
    }

    List<Event> events(String type) throws IOException {
        return outbox.pending(Integer.MAX_VALUE, Long.MAX_VALUE).stream().filter(e -> e.type().equals(type))
                .toList();
    }

    private static KeyPair testKey() {
        try (InputStream in = VaultFixture.class.getResourceAsStream("/quarantine/test-evidence-key.pem")) {
            PrivateKey key = Pem.readPrivateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII),
                    "test-evidence-key.pem");
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return new KeyPair(publicKey, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the test evidence key cannot be read", e);
        }
    }
}
