package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nestguard.protocol.wire.Event;

/**
 * Each device's newest check result per control, kept in the transaction that stores the results (so it never
 * disagrees with the events): a setting's compliance is read from it by key instead of ranking every stored result.
 */
public final class LatestResults {
    private final Database database;

    public LatestResults(Database database) {
        this.database = database;
    }

    /**
     * Folds the events stored now for the first time into the projection: a check result replaces the device's row
     * for its control only if it is newer (by enrolment, then sequence), so batches arriving out of order, or an
     * agent re-sending old results, leave the newest in place.
     */
    static void project(Connection connection, String deviceId, int enrolment, List<Event> fresh)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO latest_results (device_id, "
                + "control, enrolment, sequence, recorded_at, status, summary, clauses, setting_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT setting_id FROM devices WHERE id = ?)) "
                + "ON CONFLICT (device_id, control) DO UPDATE SET "
                + "enrolment = excluded.enrolment, sequence = excluded.sequence, recorded_at = excluded.recorded_at, "
                + "status = excluded.status, summary = excluded.summary, clauses = excluded.clauses, "
                + "setting_id = excluded.setting_id "
                + "WHERE latest_results.enrolment < excluded.enrolment OR (latest_results.enrolment = "
                + "excluded.enrolment AND latest_results.sequence < excluded.sequence)")) {
            boolean any = false;
            for (Event event : fresh) {
                String control = Events.controlOf(event);
                if (control == null) {
                    continue;
                }
                JsonNode payload = event.payload();
                JsonNode clauses = payload.has("clauses") ? payload.get("clauses") : payload.get("clause");
                upsert.setString(1, deviceId);
                upsert.setString(2, control);
                upsert.setInt(3, enrolment);
                upsert.setLong(4, event.sequence());
                Millis.set(upsert, 5, event.recordedAt());
                upsert.setString(6, comparable(text(payload, "status")));
                upsert.setString(7, text(payload, "summary"));
                upsert.setString(8, clauses == null ? null : JsonText.write(clauses));
                upsert.setString(9, deviceId);
                upsert.addBatch();
                any = true;
            }
            if (any) {
                upsert.executeBatch();
            }
        }
    }

    /** A status as the setting-wide reads compare it: trimmed, in upper case (as V13 made the rows before it). */
    private static String comparable(String status) {
        return status == null ? null : status.strip().toUpperCase(Locale.ROOT);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * The newest result per control of every device of the setting, by device, then control. A passing result
     * comes without its summary and clauses: the pages over a whole setting say why a device fails, not why it
     * passes, and leaving them out halves what thousands of devices' results take to read.
     */
    public List<LatestResult> inSetting(String settingId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT r.device_id, r.control, "
                    + "r.enrolment, r.sequence, r.recorded_at, r.status, "
                    + "CASE WHEN r.status = 'PASS' THEN NULL ELSE r.summary END AS summary, "
                    + "CASE WHEN r.status = 'PASS' THEN NULL ELSE r.clauses END AS clauses "
                    + "FROM latest_results r JOIN devices d ON d.id = r.device_id WHERE d.setting_id = ? "
                    + "ORDER BY r.device_id, r.control")) {
                query.setString(1, settingId);
                return results(query);
            }
        });
    }

    /**
     * Per control, how many of the setting's devices last reported each status: the compliance figures counted
     * where the rows are, so a setting of thousands of devices costs a few rows to read, not each device's results.
     */
    public List<StatusCount> statusCounts(String settingId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT control, status, COUNT(*) AS n "
                    + "FROM latest_results WHERE setting_id = ? GROUP BY status, control")) {
                query.setString(1, settingId);
                try (ResultSet rows = query.executeQuery()) {
                    List<StatusCount> counts = new ArrayList<>();
                    while (rows.next()) {
                        counts.add(new StatusCount(rows.getString("control"), rows.getString("status"),
                                rows.getInt("n")));
                    }
                    return counts;
                }
            }
        });
    }

    /**
     * The setting's failing results (status FAIL), at most {@code perControl} of each control, those of the
     * devices first by hostname (then id): what a page shows of each control's failing devices.
     */
    public List<LatestResult> firstFailing(String settingId, int perControl) {
        return database.read(connection -> {
            // ROW_NUMBER is in PostgreSQL and in SQLite since 3.25; the ranking runs over the failing rows only
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM (SELECT r.*, ROW_NUMBER() "
                    + "OVER (PARTITION BY r.control ORDER BY d.hostname, d.id) AS place FROM latest_results r "
                    + "JOIN devices d ON d.id = r.device_id WHERE r.setting_id = ? AND r.status = 'FAIL') "
                    + "ranked WHERE place <= ? ORDER BY control, place")) {
                query.setString(1, settingId);
                query.setInt(2, perControl);
                return results(query);
            }
        });
    }

    /** The controls each of these devices fails now (latest result FAIL), by device id, each list sorted. */
    public Map<String, List<String>> failingControls(Collection<String> deviceIds) {
        return database.read(connection -> {
            Map<String, List<String>> failing = new HashMap<>();
            for (List<String> slice : InList.slices(deviceIds)) {
                try (PreparedStatement query = connection.prepareStatement("SELECT device_id, control FROM "
                        + "latest_results WHERE status = 'FAIL' AND device_id IN ("
                        + InList.placeholders(slice.size()) + ") ORDER BY device_id, control")) {
                    InList.bind(query, 1, slice);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            failing.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                                    .add(rows.getString(2));
                        }
                    }
                }
            }
            return failing;
        });
    }

    /** The device's newest result per control, by control. */
    public List<LatestResult> of(String deviceId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM latest_results "
                    + "WHERE device_id = ? ORDER BY control")) {
                query.setString(1, deviceId);
                return results(query);
            }
        });
    }

    private static List<LatestResult> results(PreparedStatement query) throws SQLException {
        // the devices of a setting cite the same few clauses: each distinct text is parsed once
        Map<String, JsonNode> parsed = new HashMap<>();
        try (ResultSet rows = query.executeQuery()) {
            List<LatestResult> results = new ArrayList<>();
            while (rows.next()) {
                String clauses = rows.getString("clauses");
                results.add(new LatestResult(rows.getString("device_id"), rows.getString("control"),
                        rows.getInt("enrolment"), rows.getLong("sequence"), Millis.get(rows, "recorded_at"),
                        rows.getString("status"), rows.getString("summary"),
                        clauses == null ? null : parsed.computeIfAbsent(clauses, JsonText::read)));
            }
            return results;
        }
    }
}
