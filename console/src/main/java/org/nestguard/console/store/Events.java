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

/** The events devices upload: each (device, enrolment, sequence) stored once however often it is sent. */
public final class Events {
    /** The event type whose payload names a control; its latest per control is the device's compliance. */
    public static final String CHECK_RESULT = "check-result";

    private final Database database;
    private final Clock clock;

    public Events(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Stores the batch (duplicates of events already held are ignored) and returns the highest sequence n such
     * that every event 1..n of the device's current enrolment is held. The agent trims its outbox up to n only,
     * so an event that went missing (a gap) is sent again rather than lost; events after a gap are kept and the
     * answer jumps past them once the gap is filled.
     */
    public long append(String deviceId, List<Event> events) {
        for (Event event : events) {
            validate(event);
        }
        Instant now = clock.instant();
        return database.transaction(connection -> {
            int enrolment;
            long through;
            // the no-op UPDATE locks the device's row: two check-ins of one device take turns computing the answer
            try (PreparedStatement lock = connection.prepareStatement("UPDATE devices SET events_through = "
                    + "events_through WHERE id = ? RETURNING enrolment, events_through")) {
                lock.setString(1, deviceId);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        throw Devices.unknownDevice(deviceId);
                    }
                    enrolment = row.getInt(1);
                    through = row.getLong(2);
                }
            }
            LatestResults.project(connection, deviceId, enrolment, insert(connection, deviceId, enrolment, events, now));
            long advanced = contiguousFrom(connection, deviceId, enrolment, through);
            if (advanced != through) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE devices SET events_through = ? WHERE id = ?")) {
                    update.setLong(1, advanced);
                    update.setString(2, deviceId);
                    update.executeUpdate();
                }
            }
            return advanced;
        });
    }

    static void validate(Event event) {
        if (event == null) {
            throw new IllegalArgumentException("A batch held an empty event: send only recorded events");
        }
        if (event.sequence() < 1) {
            throw new IllegalArgumentException("Event sequence " + event.sequence() + " is not allowed: sequences "
                    + "start at 1 for each enrolment");
        }
        if (event.type() == null || event.type().isBlank() || event.type().length() > 64) {
            throw new IllegalArgumentException("Event " + event.sequence() + " has no usable type: give a type "
                    + "such as check-result, at most 64 characters");
        }
        if (event.recordedAt() == null || event.payload() == null) {
            throw new IllegalArgumentException("Event " + event.sequence() + " lacks its recording time or "
                    + "payload: both are required");
        }
    }

    /**
     * Inserts the batch; events already held (the same device, enrolment and sequence) are left as they are.
     * Returns the events stored now for the first time, in batch order, so what is derived from an event (the
     * monitoring projection) is derived exactly once however often the agent re-sends it.
     */
    static List<Event> insert(Connection connection, String deviceId, int enrolment, List<Event> events,
                              Instant now) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        int[] counts;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (device_id, enrolment, "
                + "sequence, recorded_at, received_at, type, control, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (device_id, enrolment, sequence) DO NOTHING")) {
            for (Event event : events) {
                insert.setString(1, deviceId);
                insert.setInt(2, enrolment);
                insert.setLong(3, event.sequence());
                Millis.set(insert, 4, event.recordedAt());
                Millis.set(insert, 5, now);
                insert.setString(6, event.type());
                insert.setString(7, controlOf(event));
                insert.setString(8, JsonText.write(event.payload()));
                insert.addBatch();
            }
            counts = insert.executeBatch();
        }
        List<Event> fresh = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                // SUCCESS_NO_INFO: a driver set to rewrite batches cannot say which rows were new
                throw new StoreException("The database driver did not say which events were new (batch count "
                        + counts[i] + "); do not set reWriteBatchedInserts on the console's database URL");
            }
            if (counts[i] > 0) {
                fresh.add(events.get(i));
            }
        }
        return fresh;
    }

    static String controlOf(Event event) {
        if (!CHECK_RESULT.equals(event.type())) {
            return null;
        }
        JsonNode control = event.payload().get("control");
        return control != null && control.isTextual() ? control.asText() : null;
    }

    static long contiguousFrom(Connection connection, String deviceId, int enrolment, long through)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT sequence FROM events "
                + "WHERE device_id = ? AND enrolment = ? AND sequence > ? ORDER BY sequence")) {
            query.setString(1, deviceId);
            query.setInt(2, enrolment);
            query.setLong(3, through);
            long next = through;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next() && rows.getLong(1) == next + 1) {
                    next++;
                }
            }
            return next;
        }
    }

    /**
     * The device's events recorded in [from, until), optionally of one type, in the order the agent recorded
     * them; null bounds or type mean "any".
     */
    public List<StoredEvent> read(String deviceId, String typeOrNull, Instant fromOrNull, Instant untilOrNull) {
        StringBuilder sql = new StringBuilder("SELECT * FROM events WHERE device_id = ?");
        if (typeOrNull != null) {
            sql.append(" AND type = ?");
        }
        if (fromOrNull != null) {
            sql.append(" AND recorded_at >= ?");
        }
        if (untilOrNull != null) {
            sql.append(" AND recorded_at < ?");
        }
        sql.append(" ORDER BY enrolment, sequence");
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
                int i = 1;
                query.setString(i++, deviceId);
                if (typeOrNull != null) {
                    query.setString(i++, typeOrNull);
                }
                if (fromOrNull != null) {
                    Millis.set(query, i++, fromOrNull);
                }
                if (untilOrNull != null) {
                    Millis.set(query, i, untilOrNull);
                }
                return events(query);
            }
        });
    }

    /** The newest check-result per control for the device (newest by the agent's own order), by control. */
    public List<StoredEvent> latestResults(String deviceId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM (SELECT e.*, ROW_NUMBER() "
                    + "OVER (PARTITION BY control ORDER BY enrolment DESC, sequence DESC) AS newest FROM events e "
                    + "WHERE device_id = ? AND type = ? AND control IS NOT NULL) ranked WHERE newest = 1 "
                    + "ORDER BY control")) {
                query.setString(1, deviceId);
                query.setString(2, CHECK_RESULT);
                return events(query);
            }
        });
    }

    /**
     * The newest check-result per control of every device of the setting, in one query: what the dashboard and the
     * compliance figures are computed from, however many devices the setting has. Ordered by device, then control.
     */
    public List<StoredEvent> latestResultsIn(String settingId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM (SELECT e.*, ROW_NUMBER() "
                    + "OVER (PARTITION BY e.device_id, e.control ORDER BY e.enrolment DESC, e.sequence DESC) AS newest "
                    + "FROM events e JOIN devices d ON d.id = e.device_id WHERE d.setting_id = ? AND e.type = ? "
                    + "AND e.control IS NOT NULL) ranked WHERE newest = 1 ORDER BY device_id, control")) {
                query.setString(1, settingId);
                query.setString(2, CHECK_RESULT);
                return events(query);
            }
        });
    }

    /**
     * Hands every check-result of the setting's devices recorded before {@code until} to {@code each}, oldest
     * first, one at a time (a setting's whole history need not fit in memory): the past days of the compliance
     * trend are rebuilt from them while they are still held.
     */
    public void eachCheckResult(String settingId, Instant until, java.util.function.Consumer<StoredEvent> each) {
        database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT e.* FROM events e "
                    + "JOIN devices d ON d.id = e.device_id WHERE d.setting_id = ? AND e.type = ? "
                    + "AND e.control IS NOT NULL AND e.recorded_at < ? ORDER BY e.recorded_at, e.enrolment, e.sequence")) {
                query.setString(1, settingId);
                query.setString(2, CHECK_RESULT);
                Millis.set(query, 3, until);
                query.setFetchSize(1000);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        each.accept(event(rows));
                    }
                }
            }
            return null;
        });
    }

    private static StoredEvent event(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getString("device_id"), rows.getInt("enrolment"), rows.getLong("sequence"),
                Millis.get(rows, "recorded_at"), Millis.get(rows, "received_at"), rows.getString("type"),
                rows.getString("control"), JsonText.read(rows.getString("payload")));
    }

    private static List<StoredEvent> events(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            List<StoredEvent> events = new ArrayList<>();
            while (rows.next()) {
                events.add(new StoredEvent(rows.getString("device_id"), rows.getInt("enrolment"),
                        rows.getLong("sequence"), Millis.get(rows, "recorded_at"), Millis.get(rows, "received_at"),
                        rows.getString("type"), rows.getString("control"),
                        JsonText.read(rows.getString("payload"))));
            }
            return events;
        }
    }
}
