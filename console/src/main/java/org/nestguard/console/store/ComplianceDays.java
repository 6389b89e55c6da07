package org.nestguard.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The daily record of each setting's compliance per control, kept for the dashboard's trend. */
public final class ComplianceDays {
    private final Database database;
    private final Clock clock;

    public ComplianceDays(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Replaces the setting's rows for each day given with these counts (a day is written whole or not at all). */
    public void record(String settingId, List<ComplianceDay> days) {
        if (days.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Set<LocalDate> written = new TreeSet<>(days.stream().map(ComplianceDay::day).toList());
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM compliance_days WHERE setting_id = ? AND day = ?")) {
                for (LocalDate day : written) {
                    delete.setString(1, settingId);
                    delete.setString(2, day.toString());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO compliance_days (setting_id, "
                    + "day, control, passing, failing, unknown, not_applicable, recorded_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ComplianceDay day : days) {
                    insert.setString(1, settingId);
                    insert.setString(2, day.day().toString());
                    insert.setString(3, day.control());
                    insert.setInt(4, day.passing());
                    insert.setInt(5, day.failing());
                    insert.setInt(6, day.unknown());
                    insert.setInt(7, day.notApplicable());
                    insert.setLong(8, now);
                    insert.addBatch();
                }
                insert.executeBatch();
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
