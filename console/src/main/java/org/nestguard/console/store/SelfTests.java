package org.nestguard.console.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.monitoring.Categories;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.SelfTest;

/**
 * The monitoring self-test: asking a device to record a canary visit (command {@value SelfTest#COMMAND}), noting
 * when its flag comes back, and the dated log of every test for the annual review. A test with no flag back after
 * {@link #TIMEOUT} has failed: a day covers a device that is shut overnight, and no longer, since a review needs
 * to know monitoring was not working.
 */
public final class SelfTests {
    /** How long a device has to answer a self-test before it counts as failed. */
    public static final Duration TIMEOUT = Duration.ofHours(24);

    private final Database database;
    private final Clock clock;
    private final AuditLog audit;

    public SelfTests(Database database, Clock clock, AuditLog audit) {
        this.database = database;
        this.clock = clock;
        this.audit = audit;
    }

    /** Queues the self-test command for the device and starts its log row, in one transaction, audited. */
    public SelfTestRecord request(Person by, String deviceId) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        return database.transaction(connection -> {
            String settingId;
            String hostname;
            try (PreparedStatement device = connection.prepareStatement(
                    "SELECT setting_id, hostname FROM devices WHERE id = ?")) {
                device.setString(1, deviceId);
                try (ResultSet row = device.executeQuery()) {
                    if (!row.next()) {
                        throw Devices.unknownDevice(deviceId);
                    }
                    settingId = row.getString(1);
                    hostname = row.getString(2);
                }
            }
            StoredCommand command = Commands.enqueue(connection, deviceId, SelfTest.COMMAND,
                    JsonNodeFactory.instance.objectNode().put("selfTestId", id), now);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO self_tests (id, device_id, "
                    + "setting_id, command_id, requested_by, requested_by_id, requested_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, deviceId);
                insert.setString(3, settingId);
                insert.setString(4, command.id());
                insert.setString(5, by.name());
                insert.setString(6, by.id());
                Millis.set(insert, 7, now);
                insert.executeUpdate();
            }
            audit.append(connection, by, "self-test.request", "device " + deviceId, "self-test " + id, settingId,
                    false);
            return new SelfTestRecord(id, deviceId, hostname, settingId, command.id(), by.name(), now,
                    SelfTestStatus.WAITING, null, null, null, null);
        });
    }

    /**
     * The self-tests of a setting (null: every setting the reader acts for) requested in [from, to), oldest
     * first, with their status as of now; audited.
     */
    public List<SelfTestRecord> log(Person reader, String settingIdOrNull, Instant fromOrNull, Instant toOrNull) {
        Conditions where = new Conditions();
        List<String> filters = new ArrayList<>();
        if (reader.settingId() != null) {
            where.and("t.setting_id = ?", reader.settingId());
        }
        if (settingIdOrNull != null) {
            where.and("t.setting_id = ?", settingIdOrNull);
            filters.add("setting=" + settingIdOrNull);
        }
        if (fromOrNull != null) {
            where.and("t.requested_at >= ?", fromOrNull);
            filters.add("from=" + fromOrNull);
        }
        if (toOrNull != null) {
            where.and("t.requested_at < ?", toOrNull);
            filters.add("to=" + toOrNull);
        }
        Instant now = clock.instant();
        return database.transaction(connection -> {
            List<SelfTestRecord> tests = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT t.*, d.hostname FROM self_tests t "
                    + "LEFT JOIN devices d ON d.id = t.device_id" + where.where() + " ORDER BY t.requested_at, t.id")) {
                where.bind(select, 1);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        tests.add(record(row, now));
                    }
                }
            }
            audit.append(connection, reader, "self-tests.read", "self-test log", String.join("; ", filters)
                    + (filters.isEmpty() ? "" : "; ") + "rows=" + tests.size(), reader.settingId(), false);
            return tests;
        });
    }

    /**
     * Takes a flag as the answer to a self-test when it carries the id of one this device was asked to run and
     * only the self-test category; the first answer's times are kept. False otherwise: the flag is a real one and
     * goes to the queue, so no flag can hide from the DSL by claiming to be a self-test.
     */
    static boolean answer(Connection connection, String deviceId, FlagRaised flag, Instant now) throws SQLException {
        if (flag.selfTestId() == null
                || !flag.flags().stream().allMatch(reason -> Categories.SELF_TEST.equals(reason.category()))) {
            return false;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE self_tests SET flag_received_at = ?, "
                + "visit_time = ?, agent_flag_id = ? WHERE id = ? AND device_id = ? AND flag_received_at IS NULL")) {
            Millis.set(update, 1, now);
            Millis.set(update, 2, flag.visit().time());
            update.setString(3, flag.flagId());
            update.setString(4, flag.selfTestId());
            update.setString(5, deviceId);
            if (update.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement known = connection.prepareStatement(
                "SELECT 1 FROM self_tests WHERE id = ? AND device_id = ?")) {
            known.setString(1, flag.selfTestId());
            known.setString(2, deviceId);
            try (ResultSet row = known.executeQuery()) {
                return row.next();
            }
        }
    }

    private static SelfTestRecord record(ResultSet row, Instant now) throws SQLException {
        Instant requested = Millis.get(row, "requested_at");
        Instant received = Millis.get(row, "flag_received_at");
        Instant visit = Millis.get(row, "visit_time");
        Instant deadline = requested.plus(TIMEOUT);
        SelfTestStatus status;
        if (received != null) {
            status = received.isAfter(deadline) ? SelfTestStatus.LATE : SelfTestStatus.PASSED;
        } else {
            status = now.isAfter(deadline) ? SelfTestStatus.FAILED : SelfTestStatus.WAITING;
        }
        return new SelfTestRecord(row.getString("id"), row.getString("device_id"), row.getString("hostname"),
                row.getString("setting_id"), row.getString("command_id"), row.getString("requested_by"), requested,
                status, received, visit, received == null ? null : Duration.between(requested, received).toMillis(),
                received == null || visit == null ? null : Duration.between(visit, received).toMillis());
    }
}
