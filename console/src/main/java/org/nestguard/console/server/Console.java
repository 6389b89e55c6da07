package org.nestguard.console.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.nestguard.console.auth.PasswordHashing;
import org.nestguard.console.evidence.EvidenceFolder;
import org.nestguard.console.pki.CertificateAuthority;
import org.nestguard.console.pki.DeviceCertificates;
import org.nestguard.console.pki.EvidenceKey;
import org.nestguard.console.pki.SecretsKey;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.AuditLog;
import org.nestguard.console.store.CheckIns;
import org.nestguard.console.store.Commands;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.EnrolmentTokens;
import org.nestguard.console.store.Events;
import org.nestguard.console.store.EvidenceExports;
import org.nestguard.console.store.FileFlags;
import org.nestguard.console.store.Flags;
import org.nestguard.console.store.History;
import org.nestguard.console.store.Holds;
import org.nestguard.console.store.Outings;
import org.nestguard.console.store.QuarantineItems;
import org.nestguard.console.store.RemovableMedia;
import org.nestguard.console.store.Retention;
import org.nestguard.console.store.SelfTests;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.wire.WireJson;

/** What a running console works with: its store's parts, its CA and evidence key, and the clock. */
public record Console(Database database, Settings settings, EnrolmentTokens tokens, Devices devices, Events events,
                      Commands commands, CheckIns checkIns, Accounts accounts, AuditLog audit, History history,
                      Flags flags, SelfTests selfTests, Retention retention, CertificateAuthority ca,
                      DeviceCertificates deviceCertificates, FileFlags fileFlags, QuarantineItems quarantine,
                      Holds holds, Outings outings, EvidenceExports evidenceExports, RemovableMedia removableMedia,
                      EvidenceKey evidenceKey, EvidenceFolder evidenceFolder, Clock clock) {

    /** Every part over one open store, CA and evidence key; evidence archives are kept under {@code dataDir}. */
    public static Console over(Database database, CertificateAuthority ca, EvidenceKey evidenceKey, Path dataDir,
                               Clock clock) {
        SecureRandom random = new SecureRandom();
        AuditLog audit = new AuditLog(database, clock);
        return new Console(database, new Settings(database, clock), new EnrolmentTokens(database, clock, random),
                new Devices(database, clock), new Events(database, clock), new Commands(database, clock),
                new CheckIns(database, clock), new Accounts(database, clock, random, audit, PasswordHashing.OWASP,
                        SecretsKey.openOrCreate(dataDir)), audit,
                new History(database, clock, audit), new Flags(database, clock, audit),
                new SelfTests(database, clock, audit), new Retention(database, clock), ca,
                new DeviceCertificates(ca.certificate(), clock), new FileFlags(database, audit),
                new QuarantineItems(database, clock, audit), new Holds(database, clock, audit),
                new Outings(database, clock, audit), new EvidenceExports(database, clock, audit),
                new RemovableMedia(database, audit), evidenceKey,
                new EvidenceFolder(dataDir), clock);
    }

    /**
     * Queues an evidence-key command, once, for each device not yet given the current evidence key (enrolled
     * before it existed, or before it changed); returns how many were queued. Run at start.
     */
    public int sendEvidenceKeyWhereStale() {
        return devices.sendEvidenceKey(evidenceKey.fingerprint(),
                WireJson.mapper().valueToTree(new FileCommands.EvidenceKey(evidenceKey.publicKeyPem())));
    }
}
