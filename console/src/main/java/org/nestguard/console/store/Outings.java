package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.files.MediaCount;
import org.nestguard.protocol.files.OutingReadiness;
import org.nestguard.protocol.wire.WireJson;

/**
 * Outing readiness (004: "all data must be transferred/deleted from the setting's camera/device before leaving
 * the setting"): a manager's request queues OUTING_CHECK, refused while the device is on hold; the agent's
 * {@code outing-readiness} event answers it. Requests and reads are audited.
 */
public final class Outings {
    private final Database database;
    private final Clock clock;
    private final AuditLog audit;

    public Outings(Database database, Clock clock, AuditLog audit) {
        this.database = database;
        this.clock = clock;
        this.audit = audit;
    }

    /** Asks the device; {@link DeviceOnHoldException} while it is on hold. */
    public OutingCheck request(Person by, Device device) {
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Holds.refuseIfHeld(connection, device.id(), "an outing check");
            String id = UUID.randomUUID().toString();
            StoredCommand command = Commands.enqueue(connection, device.id(), FileCommands.OUTING_CHECK,
                    WireJson.mapper().valueToTree(new FileCommands.OutingQuery(id)), now);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outing_checks (id, device_id, "
                    + "setting_id, requested_at, requested_by_id, requested_by_name, command_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, device.id());
                insert.setString(3, device.settingId());
                Millis.set(insert, 4, now);
                insert.setString(5, by.id());
                insert.setString(6, by.name());
                insert.setString(7, command.id());
                insert.executeUpdate();
            }
            audit.append(connection, by, "outing.request", "device " + device.id(), "outing check " + id,
                    device.settingId(), false);
            return latest(connection, device.id()).orElseThrow();
        });
    }

    /** The device's latest outing check, audited; empty when none was ever asked. */
    public Optional<OutingCheck> latest(Person reader, Device device) {
        return database.transaction(connection -> {
            Optional<OutingCheck> latest = latest(connection, device.id());
            audit.append(connection, reader, "outing.read", "device " + device.id(), latest.map(check -> "outing "
                    + "check " + check.id() + " " + check.status().id()).orElse("none asked"), device.settingId(),
                    false);
            return latest;
        });
    }

    /** The agent's answer (from an {@code outing-readiness} event, inside the check-in). */
    static void answered(Connection connection, String deviceId, OutingReadiness readiness, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE outing_checks SET answered_at = ?, "
                + "ready = ?, folders = ?, refused_because = ? WHERE id = ? AND device_id = ?")) {
            Millis.set(update, 1, now);
            update.setInt(2, readiness.ready() ? 1 : 0);
            update.setString(3, JsonText.write(readiness.folders()));
            update.setString(4, readiness.refusedBecause());
            update.setString(5, readiness.requestId());
            update.setString(6, deviceId);
            update.executeUpdate();
        }
    }

    private static Optional<OutingCheck> latest(Connection connection, String deviceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM outing_checks WHERE device_id = ? "
                + "ORDER BY requested_at DESC, id DESC LIMIT 1")) {
            select.setString(1, deviceId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Instant answered = Millis.get(row, "answered_at");
                String foldersText = row.getString("folders");
                List<MediaCount> folders = foldersText == null ? List.of()
                        : JsonText.readList(foldersText, MediaCount.class);
                String refused = row.getString("refused_because");
                int photos = folders.stream().mapToInt(MediaCount::photos).sum();
                int videos = folders.stream().mapToInt(MediaCount::videos).sum();
                // ready only when the agent says so and no photo or video is counted: a contradiction is not ready
                boolean ready = row.getInt("ready") != 0 && photos == 0 && videos == 0;
                OutingCheck.Status status = answered == null ? OutingCheck.Status.WAITING
                        : refused != null ? OutingCheck.Status.REFUSED
                        : ready ? OutingCheck.Status.READY : OutingCheck.Status.NOT_READY;
                return Optional.of(new OutingCheck(row.getString("id"), deviceId, Millis.get(row, "requested_at"),
                        row.getString("requested_by_name"), status, answered, photos, videos, folders, refused));
            }
        }
    }
}
