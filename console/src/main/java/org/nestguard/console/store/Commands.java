package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Commands waiting for devices: queued, handed out at check-in, completed when the agent reports the result. */
public final class Commands {
    private final Database database;
    private final Clock clock;

    public Commands(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Queues a command for the device. */
    public StoredCommand enqueue(String deviceId, String type, JsonNode payload) {
        RequiredText.check(type, "command type");
        Instant now = clock.instant();
        return database.transaction(connection -> enqueue(connection, deviceId, type, payload, now));
    }

    /** Queues a command inside the caller's transaction (so it commits with what it belongs to). */
    static StoredCommand enqueue(Connection connection, String deviceId, String type, JsonNode payload, Instant now)
            throws SQLException {
        StoredCommand command = new StoredCommand(UUID.randomUUID().toString(), deviceId, type, payload, now,
                null, null, null);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commands "
                + "(id, device_id, type, payload, created_at) SELECT ?, id, ?, ?, ? FROM devices WHERE id = ?")) {
            insert.setString(1, command.id());
            insert.setString(2, type);
            insert.setString(3, JsonText.write(payload));
            Millis.set(insert, 4, now);
            insert.setString(5, deviceId);
            if (insert.executeUpdate() == 0) {
                throw Devices.unknownDevice(deviceId);
            }
        }
        return command;
    }

    /**
     * Queues the same command for every device of the setting in one transaction (a policy update reaches all
     * of them or none) and returns how many were queued.
     */
    public int enqueueForSetting(String settingId, String type, JsonNode payload) {
        RequiredText.check(type, "command type");
        Instant now = clock.instant();
        String payloadText = JsonText.write(payload);
        return database.transaction(connection -> {
            List<String> deviceIds = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM devices WHERE setting_id = ? ORDER BY id")) {
                query.setString(1, settingId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        deviceIds.add(rows.getString(1));
                    }
                }
            }
            if (deviceIds.isEmpty()) {
                return 0;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commands "
                    + "(id, device_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
                for (String deviceId : deviceIds) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, deviceId);
                    insert.setString(3, type);
                    insert.setString(4, payloadText);
                    Millis.set(insert, 5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return deviceIds.size();
        });
    }

    /**
     * The device's commands not yet completed, oldest first. Delivered ones are included: a check-in answer can be
     * lost, so a command is sent again until the agent reports its result (agents ignore a command id they ran).
     */
    public List<StoredCommand> pending(String deviceId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM commands "
                    + "WHERE device_id = ? AND completed_at IS NULL ORDER BY created_at, id")) {
                query.setString(1, deviceId);
                try (ResultSet rows = query.executeQuery()) {
                    List<StoredCommand> commands = new ArrayList<>();
                    while (rows.next()) {
                        commands.add(command(rows));
                    }
                    return commands;
                }
            }
        });
    }

    /** The device's newest commands, newest first, completed or not, with their results. */
    public List<StoredCommand> recent(String deviceId, int limit) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM commands "
                    + "WHERE device_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
                query.setString(1, deviceId);
                query.setInt(2, limit);
                try (ResultSet rows = query.executeQuery()) {
                    List<StoredCommand> commands = new ArrayList<>();
                    while (rows.next()) {
                        commands.add(command(rows));
                    }
                    return commands;
                }
            }
        });
    }

    /** Notes the first time the command was handed to its device; false if the device has no such command. */
    public boolean markDelivered(String deviceId, String commandId) {
        Instant now = clock.instant();
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE commands "
                    + "SET delivered_at = COALESCE(delivered_at, ?) WHERE id = ? AND device_id = ?")) {
                Millis.set(update, 1, now);
                update.setString(2, commandId);
                update.setString(3, deviceId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Records the device's result; only the device the command was for can complete it, and only once.
     * False if there is no such open command for the device.
     */
    public boolean complete(String deviceId, String commandId, JsonNode result) {
        Instant now = clock.instant();
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE commands SET completed_at = ?, "
                    + "result = ?, delivered_at = COALESCE(delivered_at, ?) "
                    + "WHERE id = ? AND device_id = ? AND completed_at IS NULL")) {
                Millis.set(update, 1, now);
                update.setString(2, result == null ? null : JsonText.write(result));
                Millis.set(update, 3, now);
                update.setString(4, commandId);
                update.setString(5, deviceId);
                return update.executeUpdate() == 1;
            }
        });
    }

    static StoredCommand command(ResultSet row) throws SQLException {
        return new StoredCommand(row.getString("id"), row.getString("device_id"), row.getString("type"),
                JsonText.read(row.getString("payload")), Millis.get(row, "created_at"),
                Millis.get(row, "delivered_at"), Millis.get(row, "completed_at"), JsonText.read(row.getString("result")));
    }
}
