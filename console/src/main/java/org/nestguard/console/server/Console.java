package org.nestguard.console.server;

import java.security.SecureRandom;
import java.time.Clock;
import org.nestguard.console.pki.CertificateAuthority;
import org.nestguard.console.pki.DeviceCertificates;
import org.nestguard.console.store.ApiKeys;
import org.nestguard.console.store.AuditLog;
import org.nestguard.console.store.CheckIns;
import org.nestguard.console.store.Commands;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.EnrolmentTokens;
import org.nestguard.console.store.Events;
import org.nestguard.console.store.Flags;
import org.nestguard.console.store.History;
import org.nestguard.console.store.Retention;
import org.nestguard.console.store.SelfTests;
import org.nestguard.console.store.Settings;

/** What a running console works with: its store's parts, its CA, and the clock every decision is made by. */
public record Console(Database database, Settings settings, EnrolmentTokens tokens, Devices devices, Events events,
                      Commands commands, CheckIns checkIns, ApiKeys apiKeys, AuditLog audit, History history,
                      Flags flags, SelfTests selfTests, Retention retention, CertificateAuthority ca,
                      DeviceCertificates deviceCertificates, Clock clock) {

    /** Every part over one open store and CA. */
    public static Console over(Database database, CertificateAuthority ca, Clock clock) {
        SecureRandom random = new SecureRandom();
        AuditLog audit = new AuditLog(database, clock);
        return new Console(database, new Settings(database, clock), new EnrolmentTokens(database, clock, random),
                new Devices(database, clock), new Events(database, clock), new Commands(database, clock),
                new CheckIns(database, clock), new ApiKeys(database, clock, random), audit,
                new History(database, clock, audit), new Flags(database, clock, audit),
                new SelfTests(database, clock, audit), new Retention(database, clock), ca,
                new DeviceCertificates(ca.certificate(), clock), clock);
    }
}
