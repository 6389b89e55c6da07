package org.nestguard.console.store;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.auth.PasswordHashing;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.protocol.wire.Event;

/**
 * A store with three settings (one uploading all history, one only flags, one with no history rule), a device in
 * each, and the monitoring repositories over it.
 */
abstract class MonitoringTestBase extends StoreTestBase {
    Database database;
    Settings settings;
    CheckIns checkIns;
    AuditLog audit;
    History history;
    Flags flags;
    SelfTests selfTests;
    Retention retention;
    Accounts accounts;
    Devices devices;
    /** Devices of the settings uploading all, only flagged, and no history. */
    String allDevice;
    String flaggedDevice;
    String uncoveredDevice;
    private Person dsl;
    private Person manager;

    void openMonitoring(StoreKind kind) {
        database = open(kind);
        settings = new Settings(database, clock);
        devices = new Devices(database, clock);
        for (String setting : List.of(MonitoringFixture.UPLOADS_ALL, MonitoringFixture.UPLOADS_FLAGGED,
                MonitoringFixture.NO_HISTORY)) {
            settings.add(setting, setting);
            settings.storePolicy(setting, MonitoringFixture.policy(setting), "test", "test");
        }
        allDevice = devices.enrol(MonitoringFixture.UPLOADS_ALL, DevicesTest.laptop("class-1", "SER-1", "u1"), "s1")
                .deviceId();
        flaggedDevice = devices.enrol(MonitoringFixture.UPLOADS_FLAGGED, DevicesTest.laptop("office", "SER-2", "u2"),
                "s2").deviceId();
        uncoveredDevice = devices.enrol(MonitoringFixture.NO_HISTORY, DevicesTest.laptop("acorn", "SER-3", "u3"),
                "s3").deviceId();
        checkIns = new CheckIns(database, clock);
        audit = new AuditLog(database, clock);
        history = new History(database, clock, audit);
        flags = new Flags(database, clock, audit);
        selfTests = new SelfTests(database, clock, audit);
        retention = new Retention(database, clock);
        accounts = new Accounts(database, clock, new SecureRandom(), audit, new PasswordHashing(64, 1, 1),
                org.nestguard.console.pki.SecretsKey.of(new byte[32]));
    }

    /** Records a check-in of the device, as the agent API does. */
    CheckInOutcome checkIn(String deviceId, Event... events) {
        return checkIns.record(deviceId, Arrays.asList(events), "10.63.4.20", null, 64 * 1024);
    }

    /** A console account's person acting in its setting, as people's API sees them after signing in. */
    Person person(String name, String settingId, List<String> ownAccounts, Role... roles) {
        List<Grant> grants = Arrays.stream(roles).map(role -> new Grant(role, settingId)).toList();
        return accounts.add(name, grants, ownAccounts, "a long test password", Accounts.COMMAND_LINE).account()
                .actingIn(settingId);
    }

    /** The DSL of the setting uploading all history (made on first use). */
    Person dsl() {
        if (dsl == null) {
            dsl = person("Ruth Campbell", MonitoringFixture.UPLOADS_ALL, List.of(), Role.DSL);
        }
        return dsl;
    }

    /** Its manager (made on first use). */
    Person manager() {
        if (manager == null) {
            manager = person("Mo Manager", MonitoringFixture.UPLOADS_ALL, List.of(), Role.MANAGER);
        }
        return manager;
    }

    long count(String sql) {
        return database.read(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    void execute(String sql) {
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(sql);
            }
            return null;
        });
    }
}
