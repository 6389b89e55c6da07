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
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.NetworkLocation;

/**
 * A whole check-in in one transaction: the events stored once, the commands they report completed, the device's
 * last-seen time and network, and the answer (highest contiguous sequence, policy version, open commands, now
 * marked delivered). One transaction is one fsync on SQLite, which is what bounds check-ins per second there.
 */
public final class CheckIns {
    /** The event type an agent reports a command's outcome with; its payload names the command as commandId. */
    public static final String COMMAND_RESULT = "command-result";

    private final Database database;
    private final Clock clock;
    private final MonitoringEvents monitoring = new MonitoringEvents();
    private final FileEvents files = new FileEvents();

    public CheckIns(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records the check-in of {@code deviceId} (taken from its certificate, never from the body) and answers it. */
    public CheckInOutcome record(String deviceId, List<Event> events, String remoteAddress, NetworkLocation location) {
        for (Event event : events) {
            Events.validate(event);
        }
        MonitoringBatch monitored = monitoring.read(events);
        FileBatch filed = files.read(events);
        Instant now = clock.instant();
        String locationText = location == null ? null : JsonText.write(location);
        return database.transaction(connection -> {
            int enrolment;
            long through;
            String settingId;
            // updating the device row first locks it: two check-ins of one device take turns computing the answer
            try (PreparedStatement touch = connection.prepareStatement("UPDATE devices SET last_seen_at = ?, "
                    + "last_address = ?, location = ? WHERE id = ? RETURNING enrolment, events_through, setting_id")) {
                Millis.set(touch, 1, now);
                touch.setString(2, remoteAddress);
                touch.setString(3, locationText);
                touch.setString(4, deviceId);
                try (ResultSet row = touch.executeQuery()) {
                    if (!row.next()) {
                        throw Devices.unknownDevice(deviceId);
                    }
                    enrolment = row.getInt(1);
                    through = row.getLong(2);
                    settingId = row.getString(3);
                }
            }
            List<Event> fresh = Events.insert(connection, deviceId, enrolment, events, now);
            monitoring.project(connection, deviceId, settingId, enrolment, monitored, fresh, now);
            files.project(connection, deviceId, settingId, enrolment, filed, fresh, now);
            long advanced = Events.contiguousFrom(connection, deviceId, enrolment, through);
            if (advanced != through) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE devices SET events_through = ? WHERE id = ?")) {
                    update.setLong(1, advanced);
                    update.setString(2, deviceId);
                    update.executeUpdate();
                }
            }
            completeReported(connection, deviceId, events, now);
            return new CheckInOutcome(advanced, policyVersion(connection, settingId),
                    deliverOpen(connection, deviceId, now));
        });
    }

    // a result naming another device's command matches no row: the device id in the WHERE comes from the certificate
    private static void completeReported(Connection connection, String deviceId, List<Event> events, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE commands SET completed_at = ?, "
                + "result = ?, delivered_at = COALESCE(delivered_at, ?) "
                + "WHERE id = ? AND device_id = ? AND completed_at IS NULL")) {
            boolean any = false;
            for (Event event : events) {
                JsonNode commandId = event.payload().get("commandId");
                if (!COMMAND_RESULT.equals(event.type()) || commandId == null || !commandId.isTextual()) {
                    continue;
                }
                Millis.set(update, 1, now);
                update.setString(2, JsonText.write(event.payload()));
                Millis.set(update, 3, now);
                update.setString(4, commandId.asText());
                update.setString(5, deviceId);
                update.addBatch();
                any = true;
            }
            if (any) {
                update.executeBatch();
            }
        }
    }

    private static int policyVersion(Connection connection, String settingId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT policy_version FROM settings WHERE id = ?")) {
            query.setString(1, settingId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    private static List<StoredCommand> deliverOpen(Connection connection, String deviceId, Instant now)
            throws SQLException {
        List<StoredCommand> open = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM commands "
                + "WHERE device_id = ? AND completed_at IS NULL ORDER BY created_at, id")) {
            query.setString(1, deviceId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    open.add(Commands.command(rows));
                }
            }
        }
        if (!open.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE commands "
                    + "SET delivered_at = COALESCE(delivered_at, ?) WHERE device_id = ? AND completed_at IS NULL")) {
                Millis.set(update, 1, now);
                update.setString(2, deviceId);
                update.executeUpdate();
            }
        }
        return open;
    }
}
