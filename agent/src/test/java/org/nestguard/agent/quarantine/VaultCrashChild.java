package org.nestguard.agent.quarantine;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.outbox.RetentionHold;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.files.QuarantineItem;

/**
 * The agent side of {@link VaultCrashTest}: {@code DATA FILE EVIDENCE_PRIVATE_KEY isolate|release STEP}. Isolates
 * FILE (and for {@code release} then releases it), and when the operation under test reaches STEP prints
 * {@code reached STEP} and waits to be killed.
 */
public final class VaultCrashChild {
    private VaultCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        AgentHome home = new AgentHome(Path.of(args[0]));
        Path file = Path.of(args[1]);
        String privateKeyPem = Files.readString(Path.of(args[2]), StandardCharsets.US_ASCII);
        boolean release = args[3].equals("release");
        VaultStep pauseAt = VaultStep.valueOf(args[4]);
        PrintStream out = System.out;
        boolean[] underTest = {!release};
        VaultSteps steps = (itemId, step) -> {
            if (underTest[0] && step == pauseAt) {
                out.println("reached " + step);
                out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (Outbox outbox = Outbox.open(home.outbox(), OutboxConfig.defaults())) {
            Vault vault = new Vault(new VaultStore(home.vault()), new EvidenceKeyStore(home), outbox,
                    RetentionHold.NONE, () -> VaultFixture.NOTE, Clock.systemUTC(), steps);
            QuarantineItem item = vault.isolate(VaultFixture.facts(file), VaultFixture.MATCH, null);
            if (release) {
                underTest[0] = true;
                VaultRecord record = vault.store().record(item.itemId()).orElseThrow();
                vault.release(item.itemId(), KeyWrap.unwrap(record.item().wrappedKey(),
                        Pem.readPrivateKey(privateKeyPem, "test key")), "release-1");
            }
        }
        out.println("finished");
        out.flush();
    }
}
