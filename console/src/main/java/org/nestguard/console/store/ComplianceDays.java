package org.nestguard.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The daily record of each setting's compliance per control, kept for the dashboard's trend. */
public final class ComplianceDays {
    private final Database database;
    private final Clock clock;

    public ComplianceDays(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Writes the setting's rows for each day given with these counts, replacing what those days held (a control no
     * longer reported that day goes). Rows are upserted, so two consoles refreshing today at once both succeed.
     */
    public void record(String settingId, List<ComplianceDay> days) {
        if (days.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Map<LocalDate, List<String>> controlsByDay = new TreeMap<>();
        days.forEach(day -> controlsByDay.computeIfAbsent(day.day(), d -> new ArrayList<>()).add(day.control()));
        database.transaction(connection -> {
            for (Map.Entry<LocalDate, List<String>> day : controlsByDay.entrySet()) {
                try (PreparedStatement stale = connection.prepareStatement("DELETE FROM compliance_days "
                        + "WHERE setting_id = ? AND day = ? AND control NOT IN ("
                        + InList.placeholders(day.getValue().size()) + ")")) {
                    stale.setString(1, settingId);
                    stale.setString(2, day.getKey().toString());
                    InList.bind(stale, 3, day.getValue());
                    stale.executeUpdate();
                }
            }
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO compliance_days (setting_id, "
                    + "day, control, passing, failing, unknown, not_applicable, recorded_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (setting_id, day, control) DO UPDATE SET "
                    + "passing = excluded.passing, failing = excluded.failing, unknown = excluded.unknown, "
                    + "not_applicable = excluded.not_applicable, recorded_at = excluded.recorded_at")) {
                for (ComplianceDay day : days) {
                    upsert.setString(1, settingId);
                    upsert.setString(2, day.day().toString());
                    upsert.setString(3, day.control());
                    upsert.setInt(4, day.passing());
                    upsert.setInt(5, day.failing());
                    upsert.setInt(6, day.unknown());
                    upsert.setInt(7, day.notApplicable());
                    upsert.setLong(8, now);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    /** The setting's rows from {@code from} to {@code to} inclusive, by day then control. */
    public List<ComplianceDay> between(String settingId, LocalDate from, LocalDate to) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM compliance_days "
                    + "WHERE setting_id = ? AND day >= ? AND day <= ? ORDER BY day, control")) {
                query.setString(1, settingId);
                query.setString(2, from.toString());
                query.setString(3, to.toString());
                try (ResultSet rows = query.executeQuery()) {
                    List<ComplianceDay> days = new ArrayList<>();
                    while (rows.next()) {
                        days.add(new ComplianceDay(LocalDate.parse(rows.getString("day")), rows.getString("control"),
                                rows.getInt("passing"), rows.getInt("failing"), rows.getInt("unknown"),
                                rows.getInt("not_applicable")));
                    }
                    return days;
                }
            }
        });
    }

    /** The days from {@code from} to {@code to} inclusive the setting already has a record of. */
    public Set<LocalDate> held(String settingId, LocalDate from, LocalDate to) {
        Set<LocalDate> held = new TreeSet<>();
        between(settingId, from, to).forEach(day -> held.add(day.day()));
        return held;
    }
}
