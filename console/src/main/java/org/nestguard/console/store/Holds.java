package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.files.HoldStatus;
import org.nestguard.protocol.wire.WireJson;

/**
 * Device holds ("quarantine any devices until police advice has been sought"): placing one queues the HOLD
 * command and withdraws any release or destroy not yet done; lifting one needs the police advice and queues
 * LIFT_HOLD. Other parts of the store ask {@link #refuseIfHeld} before anything a hold forbids. Audited.
 */
public final class Holds {
    static final int MAX_TEXT = 4000;
    static final int MAX_NAME = 200;

    private final Database database;
    private final Clock clock;
    private final AuditLog audit;

    public Holds(Database database, Clock clock, AuditLog audit) {
        this.database = database;
        this.clock = clock;
        this.audit = audit;
    }

    /** The device's open hold, if any (no audit: whether a device is held is not a safeguarding record). */
    public Optional<DeviceHold> current(String deviceId) {
        return database.read(connection -> open(connection, deviceId));
    }

    /** Refuses {@code refused} (what was asked, for the message) when the device is on hold. */
    public void refuseIfHeld(String deviceId, String refused) {
        database.read(connection -> {
            refuseIfHeld(connection, deviceId, refused);
            return null;
        });
    }

    static void refuseIfHeld(Connection connection, String deviceId, String refused) throws SQLException {
        Optional<DeviceHold> hold = open(connection, deviceId);
        if (hold.isPresent()) {
            throw new DeviceOnHoldException(deviceId, hold.get().placedAt(), refused);
        }
    }

    /**
     * Puts the device on hold. IllegalArgumentException without a reason; IllegalStateException when it is
     * already on hold.
     */
    public DeviceHold place(Person by, Device device, String reason, boolean lock) {
        String why = text(reason, "reason", "say why the device is held (for example: suspected indecent image, "
                + "police to be consulted)");
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Optional<DeviceHold> existing = open(connection, device.id());
            if (existing.isPresent()) {
                throw new IllegalStateException("Device " + device.id() + " is already on hold since "
                        + existing.get().placedAt() + "; lift that hold (with the police advice) before placing "
                        + "another");
            }
            String id = UUID.randomUUID().toString();
            StoredCommand command = Commands.enqueue(connection, device.id(), FileCommands.HOLD,
                    WireJson.mapper().valueToTree(new FileCommands.HoldOrder(id, lock)), now);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO device_holds (id, device_id, "
                    + "setting_id, placed_at, placed_by_id, placed_by_name, reason, lock_logon, command_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, device.id());
                insert.setString(3, device.settingId());
                Millis.set(insert, 4, now);
                insert.setString(5, by.id());
                insert.setString(6, by.name());
                insert.setString(7, why);
                insert.setInt(8, lock ? 1 : 0);
                insert.setString(9, command.id());
                insert.executeUpdate();
            }
            int withdrawn = withdrawDeletions(connection, device.id(), now);
            audit.append(connection, by, "hold.place", "device " + device.id(), "hold " + id + "; lock=" + lock
                    + "; release/destroy orders withdrawn=" + withdrawn, device.settingId(), false);
            return open(connection, device.id()).orElseThrow();
        });
    }

    /**
     * Lifts the device's hold with the police advice. IllegalArgumentException when the advice or justification is
     * missing; IllegalStateException when the device is not on hold.
     */
    public DeviceHold lift(Person by, Device device, PoliceAdvice advice, String justification) {
        if (advice == null) {
            throw new IllegalArgumentException("policeAdvice is required: a hold is lifted only once police advice "
                    + "has been sought; give {\"adviser\": ..., \"at\": ..., \"outcome\": ...}");
        }
        String adviser = text(advice.adviser(), "policeAdvice.adviser", "name the officer or team who advised");
        if (adviser.length() > MAX_NAME) {
            throw new IllegalArgumentException("policeAdvice.adviser is longer than " + MAX_NAME + " characters");
        }
        if (advice.at() == null) {
            throw new IllegalArgumentException("policeAdvice.at is required: when the advice was given, such as "
                    + "2026-01-12T09:00:00Z");
        }
        String outcome = text(advice.outcome(), "policeAdvice.outcome", "say what the police advised");
        String why = text(justification, "justification", "say why the hold can now be lifted");
        Instant now = clock.instant();
        if (advice.at().isAfter(now)) {
            throw new IllegalArgumentException("policeAdvice.at is " + advice.at() + ", in the future; give when "
                    + "the advice was actually given");
        }
        return database.transaction(connection -> {
            DeviceHold hold = open(connection, device.id()).orElseThrow(() -> new IllegalStateException("Device "
                    + device.id() + " is not on hold; there is nothing to lift"));
            StoredCommand command = Commands.enqueue(connection, device.id(), FileCommands.LIFT_HOLD,
                    WireJson.mapper().valueToTree(new FileCommands.HoldLift(hold.id())), now);
            try (PreparedStatement update = connection.prepareStatement("UPDATE device_holds SET lifted_at = ?, "
                    + "lifted_by_id = ?, lifted_by_name = ?, police_adviser = ?, police_advice_at = ?, "
                    + "police_outcome = ?, lift_justification = ?, lift_command_id = ? WHERE id = ? "
                    + "AND lifted_at IS NULL")) {
                Millis.set(update, 1, now);
                update.setString(2, by.id());
                update.setString(3, by.name());
                update.setString(4, adviser);
                Millis.set(update, 5, advice.at());
                update.setString(6, outcome);
                update.setString(7, why);
                update.setString(8, command.id());
                update.setString(9, hold.id());
                update.executeUpdate();
            }
            audit.append(connection, by, "hold.lift", "device " + device.id(), "hold " + hold.id()
                    + "; police advice recorded", device.settingId(), false);
            return find(connection, hold.id()).orElseThrow();
        });
    }

    /** The agent says how it applies a hold (from a {@code hold} event, inside the check-in). */
    static void agentReported(Connection connection, String deviceId, HoldStatus status, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE device_holds SET agent_active = ?, "
                + "agent_locked = ?, agent_failures = ?, agent_detail = ?, agent_reported_at = ? "
                + "WHERE id = ? AND device_id = ?")) {
            update.setInt(1, status.active() ? 1 : 0);
            update.setString(2, JsonText.write(status.lockedAccounts()));
            update.setString(3, JsonText.write(status.lockFailures()));
            update.setString(4, status.detail());
            Millis.set(update, 5, now);
            update.setString(6, status.holdId());
            update.setString(7, deviceId);
            update.executeUpdate();
        }
    }

    // a release or destroy ordered before the hold and not yet done must not happen now: the commands are closed
    // as withdrawn (never sent again) and the items are no longer pending
    private static int withdrawDeletions(Connection connection, String deviceId, Instant now) throws SQLException {
        int withdrawn;
        try (PreparedStatement update = connection.prepareStatement("UPDATE commands SET completed_at = ?, "
                + "result = ? WHERE device_id = ? AND completed_at IS NULL AND type IN (?, ?)")) {
            Millis.set(update, 1, now);
            update.setString(2, "{\"withdrawn\":\"the device was put on hold before the agent carried it out\"}");
            update.setString(3, deviceId);
            update.setString(4, FileCommands.RELEASE);
            update.setString(5, FileCommands.DESTROY);
            withdrawn = update.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE quarantine_items SET pending = NULL WHERE device_id = ? AND pending IS NOT NULL")) {
            update.setString(1, deviceId);
            update.executeUpdate();
        }
        return withdrawn;
    }

    static Optional<DeviceHold> open(Connection connection, String deviceId) throws SQLException {
        return one(connection, "SELECT * FROM device_holds WHERE device_id = ? AND lifted_at IS NULL", deviceId);
    }

    /** The device's holds, newest first, read by a person: audited (a hold's reason is a safeguarding record). */
    public List<DeviceHold> history(Person reader, Device device) {
        return database.transaction(connection -> {
            List<DeviceHold> holds = history(connection, device.id());
            audit.append(connection, reader, "hold.read", "device " + device.id(), "holds=" + holds.size(),
                    device.settingId(), false);
            return holds;
        });
    }

    private static List<DeviceHold> history(Connection connection, String deviceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM device_holds WHERE device_id = ? ORDER BY placed_at DESC, id")) {
            select.setString(1, deviceId);
            try (ResultSet row = select.executeQuery()) {
                List<DeviceHold> holds = new ArrayList<>();
                while (row.next()) {
                    holds.add(hold(row));
                }
                return holds;
            }
        }
    }

    private static Optional<DeviceHold> find(Connection connection, String holdId) throws SQLException {
        return one(connection, "SELECT * FROM device_holds WHERE id = ?", holdId);
    }

    private static Optional<DeviceHold> one(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(hold(row)) : Optional.empty();
            }
        }
    }

    private static DeviceHold hold(ResultSet row) throws SQLException {
        Instant lifted = Millis.get(row, "lifted_at");
        PoliceAdvice advice = lifted == null ? null : new PoliceAdvice(row.getString("police_adviser"),
                Millis.get(row, "police_advice_at"), row.getString("police_outcome"));
        int active = row.getInt("agent_active");
        Boolean agentActive = row.wasNull() ? null : active != 0;
        String locked = row.getString("agent_locked");
        String failures = row.getString("agent_failures");
        return new DeviceHold(row.getString("id"), row.getString("device_id"), row.getString("setting_id"),
                Millis.get(row, "placed_at"), row.getString("placed_by_name"), row.getString("reason"),
                row.getInt("lock_logon") != 0, lifted, row.getString("lifted_by_name"), advice,
                row.getString("lift_justification"), agentActive,
                locked == null ? List.of() : JsonText.readList(locked, String.class),
                failures == null ? List.of() : JsonText.readList(failures, String.class),
                row.getString("agent_detail"), Millis.get(row, "agent_reported_at"));
    }

    /** Required free text, at most {@value #MAX_TEXT} characters; the message says what to write. */
    static String text(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required: " + what);
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters; at most " + MAX_TEXT
                    + " are kept");
        }
        return value.strip();
    }
}
