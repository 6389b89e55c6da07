package org.nestguard.agent.quarantine;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.files.OutingCount;
import org.nestguard.agent.files.WatchedFiles;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.LogonLock;

/**
 * The quarantine side of the agent built over one data folder, as the service runs it: the vault (the file
 * scanner's {@link org.nestguard.agent.files.Isolation}), the device hold and the command family.
 */
public record Quarantine(Vault vault, DeviceHold hold, QuarantineCommands commands) {
    /**
     * The vault over the data folder, after its crash recovery, which must come before anything else uses it. It is
     * built first because the file scanner isolates through it and the quarantine commands find files through the
     * scanner.
     *
     * @param holdState the hold the outbox was opened with
     */
    public static Vault openVault(AgentHome home, HoldState holdState, Outbox outbox, Clock clock) throws IOException {
        PolicySource policy = PolicySource.stored(home);
        Vault vault = new Vault(new VaultStore(home.vault()), new EvidenceKeyStore(home), outbox, holdState,
                () -> IsolationNote.of(policy.current(), ZoneId.systemDefault()), clock, VaultSteps.NONE);
        vault.recover();
        return vault;
    }

    /** The hold and the command family over an opened vault. */
    public static Quarantine start(AgentHome home, Vault vault, HoldState holdState, Outbox outbox,
                                   AccountProbe accounts, LogonLock lock, WatchedFiles watched, OutingCount outing,
                                   EvidenceExport.Upload upload, String deviceId, Clock clock) {
        PolicySource policy = PolicySource.stored(home);
        DeviceHold hold = new DeviceHold(holdState, accounts, lock, policy, outbox, clock);
        EvidenceExport export = new EvidenceExport(vault, deviceId, upload, outbox, clock);
        return new Quarantine(vault, hold, new QuarantineCommands(vault, watched, hold, new EvidenceKeyStore(home),
                export, outing, outbox));
    }
}
