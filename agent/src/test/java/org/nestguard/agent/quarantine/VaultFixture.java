package org.nestguard.agent.quarantine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.SecretKey;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.outbox.RetentionHold;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileKind;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.wire.Event;

/** A data folder with an evidence key whose private half only the test holds, and a vault over it. */
final class VaultFixture {
    /** One 3072-bit key for every test: generating it is the slow part. */
    static final KeyPair EVIDENCE = rsa();
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
                attributes.lastModifiedTime().toInstant(), null, FileKind.IMAGE, Vault.sha256Of(file), null, null);
    }

    /** The item key as the console unwraps it. */
    static SecretKey itemKey(VaultRecord record) throws GeneralSecurityException {
        return KeyWrap.unwrap(record.item().wrappedKey(), EVIDENCE.getPrivate());
    }

    List<Event> events(String type) throws IOException {
        return outbox.pending(Integer.MAX_VALUE, Long.MAX_VALUE).stream().filter(e -> e.type().equals(type))
                .toList();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KeyWrap.MIN_RSA_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
