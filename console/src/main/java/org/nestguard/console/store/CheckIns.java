package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.NetworkLocation;

/**
 * A whole check-in in one transaction: the events stored once, the commands they report completed, the device's
 * last-seen time and network, and the answer (highest contiguous sequence, policy version, open commands, now
 * marked delivered). Check-ins arriving together share a transaction ({@link GroupCommit}): a commit is an fsync,
 * which is what bounds check-ins per second.
 */
public final class CheckIns {
    /** The event type an agent reports a command's outcome with; its payload names the command as commandId. */
    public static final String COMMAND_RESULT = "command-result";

    // one commit (one fsync) serves up to this many check-ins, or this many bytes of request bodies
    private static final int GROUP_CHECK_INS = 64;
    private static final long GROUP_BYTES = 8L * 1024 * 1024;

    private final Clock clock;
    private final MonitoringEvents monitoring = new MonitoringEvents();
    private final FileEvents files = new FileEvents();
    private final GroupCommit<Received, CheckInOutcome> groups;

    public CheckIns(Database database, Clock clock) {
        this.clock = clock;
        // SQLite has one writer anyway; on PostgreSQL a second lets one group fill while another flushes its WAL
        int writers = database.dialect() == Dialect.SQLITE ? 1 : 2;
        this.groups = new GroupCommit<>(database, writers, GROUP_CHECK_INS, GROUP_BYTES, Received::bodyBytes,
                Comparator.comparing(Received::deviceId), this::store);
    }

    /**
     * Records the check-in of {@code deviceId} (taken from its certificate, never from the body) and answers it
     * once it is committed, possibly in one transaction with other devices' check-ins. {@code bodyBytes} is the
     * request's size, which bounds how much one transaction holds.
     */
    public CheckInOutcome record(String deviceId, List<Event> events, String remoteAddress, NetworkLocation location,
                                 long bodyBytes) {
        for (Event event : events) {
            Events.validate(event);
        }
        MonitoringBatch monitored = monitoring.read(events);
        FileBatch filed = files.read(events);
        String locationText = location == null ? null : JsonText.write(location);
        return groups.store(new Received(deviceId, events, remoteAddress, locationText, monitored, filed,
                clock.instant(), bodyBytes));
    }

    /** A check-in read and checked before its transaction: what {@link #store} needs. */
    private record Received(String deviceId, List<Event> events, String remoteAddress, String locationText,
                            MonitoringBatch monitored, FileBatch filed, Instant now, long bodyBytes) {
    }

    private CheckInOutcome store(Connection connection, Received checkIn) throws SQLException {
        String deviceId = checkIn.deviceId();
        Instant now = checkIn.now();
        int enrolment;
        long through;
        String settingId;
        int policyVersion;
        // updating the device row first locks it: two check-ins of one device take turns computing the answer;
        // the same statement reads the setting's policy version (one statement fewer per check-in)
        try (PreparedStatement touch = connection.prepareStatement("UPDATE devices SET last_seen_at = ?, "
                + "last_address = ?, location = ? WHERE id = ? RETURNING enrolment, events_through, setting_id, "
                + "(SELECT policy_version FROM settings WHERE settings.id = devices.setting_id)")) {
            Millis.set(touch, 1, now);
            touch.setString(2, checkIn.remoteAddress());
            touch.setString(3, checkIn.locationText());
            touch.setString(4, deviceId);
            try (ResultSet row = touch.executeQuery()) {
                if (!row.next()) {
                    throw Devices.unknownDevice(deviceId);
                }
                enrolment = row.getInt(1);
                through = row.getLong(2);
                settingId = row.getString(3);
                policyVersion = row.getInt(4);
            }
        }
        List<Event> fresh = Events.insert(connection, deviceId, enrolment, checkIn.events(), now);
        LatestResults.project(connection, deviceId, enrolment, fresh);
        monitoring.project(connection, deviceId, settingId, enrolment, checkIn.monitored(), fresh, now);
        files.project(connection, deviceId, settingId, enrolment, checkIn.filed(), fresh, now);
        long advanced = Events.contiguousFrom(connection, deviceId, enrolment, through);
        if (advanced != through) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE devices SET events_through = ? WHERE id = ?")) {
                update.setLong(1, advanced);
                update.setString(2, deviceId);
                update.executeUpdate();
            }
        }
        completeReported(connection, deviceId, checkIn.events(), now);
        return new CheckInOutcome(advanced, policyVersion, deliverOpen(connection, deviceId, now));
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
