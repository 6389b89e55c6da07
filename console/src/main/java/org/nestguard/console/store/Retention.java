package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.nestguard.protocol.monitoring.FlagRaised;

/**
 * Deleting monitoring records past their retention, a few hundred rows per transaction so check-ins are never
 * held up for long, and the log of what was deleted. The uploaded events that carried them are kept as rows (their
 * (device, enrolment, sequence) is what makes a re-sent event a no-op) but their payload is blanked, since a copy
 * of every URL left there would defeat the retention period.
 */
public final class Retention {
    /** Data classes in the purge log. */
    public static final String VISITS = "visits";
    public static final String FLAGS = "flags";
    public static final String NOTICES = "history-notices";
    public static final String EVENTS = "uploaded-events";
    /** What a blanked event's payload becomes. */
    public static final String BLANKED = "{\"purgedByRetention\":true}";
    private static final int CHUNK = 500;
    // a device on hold keeps everything until police advice has been recorded (DESIGN §7): its rows are not purged
    private static final String NOT_HELD = " NOT IN (SELECT h.device_id FROM device_holds h "
            + "WHERE h.lifted_at IS NULL)";

    private final Database database;
    private final Clock clock;

    public Retention(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Deletes the setting's visits from before the cut-off that no flag refers to; returns how many. */
    public long purgeVisits(String settingId, Instant cutOff) {
        long total = 0;
        int deleted;
        do {
            deleted = database.transaction(connection -> {
                List<String> ids = new ArrayList<>();
                List<String> hosts = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT v.id, v.host FROM visits v "
                        + "WHERE v.setting_id = ? AND v.visited_at < ? AND NOT EXISTS (SELECT 1 FROM flags f "
                        + "WHERE f.visit_id = v.id) AND v.device_id" + NOT_HELD + " LIMIT " + CHUNK)) {
                    select.setString(1, settingId);
                    Millis.set(select, 2, cutOff);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            ids.add(row.getString(1));
                            hosts.add(row.getString(2));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    return 0;
                }
                // each visit's domain rows by their key: the same domains the projection derived from its host
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM visit_domains WHERE domain = ? AND visit_id = ?")) {
                    for (int i = 0; i < ids.size(); i++) {
                        for (String domain : UrlHost.domains(hosts.get(i))) {
                            delete.setString(1, domain);
                            delete.setString(2, ids.get(i));
                            delete.addBatch();
                        }
                    }
                    delete.executeBatch();
                }
                deleteWhereIn(connection, "DELETE FROM visits WHERE id", ids);
                return ids.size();
            });
            total += deleted;
        } while (deleted == CHUNK);
        return total;
    }

    /**
     * Deletes the setting's flags whose visit is from before the cut-off, with their categories and changes, and
     * blanks the events that carried them. Never an escalated flag: it is the evidence of a concern and is kept
     * until that case is closed (the case records come in the UI issue), whatever the retention period says.
     */
    public Removed purgeFlags(String settingId, Instant cutOff) {
        long flags = 0;
        long events = 0;
        int deleted;
        do {
            Removed chunk = database.transaction(connection -> {
                List<String> ids = new ArrayList<>();
                List<Carrier> carriers = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT id, device_id, event_enrolment, "
                        + "event_sequence FROM flags WHERE setting_id = ? AND visited_at < ? AND state <> ? "
                        + "AND device_id" + NOT_HELD + " LIMIT " + CHUNK)) {
                    select.setString(1, settingId);
                    Millis.set(select, 2, cutOff);
                    select.setString(3, FlagState.ESCALATED.id());
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            ids.add(row.getString(1));
                            carriers.add(new Carrier(row.getString(2), row.getInt(3), row.getLong(4)));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    return new Removed(0, 0);
                }
                deleteWhereIn(connection, "DELETE FROM flag_categories WHERE flag_id", ids);
                deleteWhereIn(connection, "DELETE FROM flag_changes WHERE flag_id", ids);
                deleteWhereIn(connection, "DELETE FROM flags WHERE id", ids);
                long blanked = 0;
                try (PreparedStatement blank = connection.prepareStatement("UPDATE events SET payload = ? "
                        + "WHERE device_id = ? AND enrolment = ? AND sequence = ? AND payload <> ?")) {
                    for (Carrier carrier : carriers) {
                        blank.setString(1, BLANKED);
                        blank.setString(2, carrier.deviceId());
                        blank.setInt(3, carrier.enrolment());
                        blank.setLong(4, carrier.sequence());
                        blank.setString(5, BLANKED);
                        blanked += blank.executeUpdate();
                    }
                }
                return new Removed(ids.size(), blanked);
            });
            deleted = (int) chunk.rows();
            flags += chunk.rows();
            events += chunk.eventsBlanked();
        } while (deleted == CHUNK);
        return new Removed(flags, events);
    }

    /** Deletes the setting's history notices from before the cut-off; returns how many. */
    public long purgeNotices(String settingId, Instant cutOff) {
        long total = 0;
        int deleted;
        do {
            deleted = database.transaction(connection -> {
                List<String> ids = ids(connection, "SELECT id FROM history_notices WHERE setting_id = ? "
                        + "AND noticed_at < ? AND device_id" + NOT_HELD + " LIMIT " + CHUNK, settingId, cutOff);
                if (!ids.isEmpty()) {
                    deleteWhereIn(connection, "DELETE FROM history_notices WHERE id", ids);
                }
                return ids.size();
            });
            total += deleted;
        } while (deleted == CHUNK);
        return total;
    }

    /**
     * Blanks the payload of the setting's devices' events of this type recorded before the cut-off, except a
     * flag event whose flag is still stored (an escalated one); returns how many.
     */
    public long blankEvents(String settingId, String type, Instant cutOff) {
        String keep = FlagRaised.TYPE.equals(type) ? " AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.device_id = "
                + "e.device_id AND f.event_enrolment = e.enrolment AND f.event_sequence = e.sequence)" : "";
        long total = 0;
        int blanked;
        do {
            blanked = database.transaction(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE events SET payload = ? "
                        + "WHERE (device_id, enrolment, sequence) IN (SELECT e.device_id, e.enrolment, e.sequence "
                        + "FROM events e JOIN devices d ON d.id = e.device_id WHERE d.setting_id = ? AND e.type = ? "
                        + "AND e.recorded_at < ? AND e.payload <> ? AND e.device_id" + NOT_HELD + keep
                        + " LIMIT " + CHUNK + ")")) {
                    update.setString(1, BLANKED);
                    update.setString(2, settingId);
                    update.setString(3, type);
                    Millis.set(update, 4, cutOff);
                    update.setString(5, BLANKED);
                    return update.executeUpdate();
                }
            });
            total += blanked;
        } while (blanked == CHUNK);
        return total;
    }

    /** Adds a purge to the log. */
    public Purge record(String settingId, String dataClass, long rowsDeleted, Instant cutOff) {
        Purge purge = new Purge(UUID.randomUUID().toString(), clock.instant(), settingId, dataClass, rowsDeleted,
                cutOff);
        database.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO purges (id, at, setting_id, "
                    + "data_class, rows_deleted, cut_off) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, purge.id());
                Millis.set(insert, 2, purge.at());
                insert.setString(3, settingId);
                insert.setString(4, dataClass);
                insert.setLong(5, rowsDeleted);
                Millis.set(insert, 6, cutOff);
                insert.executeUpdate();
            }
            return null;
        });
        return purge;
    }

    /** The purge log, oldest first, of one setting or (null) all. */
    public List<Purge> purges(String settingIdOrNull) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM purges"
                    + (settingIdOrNull == null ? "" : " WHERE setting_id = ?") + " ORDER BY at, id")) {
                if (settingIdOrNull != null) {
                    select.setString(1, settingIdOrNull);
                }
                try (ResultSet row = select.executeQuery()) {
                    List<Purge> purges = new ArrayList<>();
                    while (row.next()) {
                        purges.add(new Purge(row.getString("id"), Millis.get(row, "at"), row.getString("setting_id"),
                                row.getString("data_class"), row.getLong("rows_deleted"),
                                Millis.get(row, "cut_off")));
                    }
                    return purges;
                }
            }
        });
    }

    /** For each setting, which monitoring records it holds. */
    public List<Holdings> holdings() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT s.id, "
                    + "EXISTS (SELECT 1 FROM visits v WHERE v.setting_id = s.id), "
                    + "EXISTS (SELECT 1 FROM flags f WHERE f.setting_id = s.id), "
                    + "EXISTS (SELECT 1 FROM history_notices n WHERE n.setting_id = s.id) "
                    + "FROM settings s ORDER BY s.id");
                 ResultSet row = select.executeQuery()) {
                List<Holdings> holdings = new ArrayList<>();
                while (row.next()) {
                    holdings.add(new Holdings(row.getString(1), row.getBoolean(2), row.getBoolean(3),
                            row.getBoolean(4)));
                }
                return holdings;
            }
        });
    }

    private static List<String> ids(Connection connection, String sql, String settingId, Instant cutOff)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, settingId);
            Millis.set(select, 2, cutOff);
            try (ResultSet row = select.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (row.next()) {
                    ids.add(row.getString(1));
                }
                return ids;
            }
        }
    }

    private static void deleteWhereIn(Connection connection, String deleteWhereColumn, List<String> ids)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(deleteWhereColumn + " IN ("
                + InList.placeholders(ids.size()) + ")")) {
            InList.bind(delete, 1, ids);
            delete.executeUpdate();
        }
    }

    /** The event a flag arrived in. */
    private record Carrier(String deviceId, int enrolment, long sequence) {
    }

    /** How many rows a purge deleted, and how many events that carried them it blanked. */
    public record Removed(long rows, long eventsBlanked) {
    }
}
