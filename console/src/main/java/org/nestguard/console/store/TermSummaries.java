package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nestguard.console.auth.Person;

/**
 * The governors' termly figures for a setting, counted in SQL from the stored records (so a purged flag is no
 * longer counted). The read is audited: the counts come from flags and quarantine records.
 */
public final class TermSummaries {
    private final Database database;
    private final AuditLog audit;

    public TermSummaries(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** The setting's figures for [from, to), read by this person; audited. */
    public TermFigures figures(Person reader, String settingId, Instant from, Instant to) {
        return database.transaction(connection -> {
            TermFigures figures = new TermFigures(from, to,
                    count(connection, "SELECT COUNT(*) FROM devices WHERE setting_id = ? AND enrolled_at < ?",
                            settingId, to),
                    count(connection, "SELECT COUNT(*) FROM devices WHERE setting_id = ? AND enrolled_at < ? "
                            + "AND enrolled_at >= ?", settingId, to, from),
                    compliance(connection, settingId, to),
                    count(connection, "SELECT COUNT(*) FROM flags WHERE setting_id = ? AND visited_at >= ? "
                            + "AND visited_at < ?", settingId, from, to),
                    grouped(connection, "SELECT c.category, COUNT(DISTINCT f.id) FROM flags f JOIN flag_categories c "
                            + "ON c.flag_id = f.id WHERE f.setting_id = ? AND f.visited_at >= ? AND f.visited_at < ? "
                            + "GROUP BY c.category", settingId, from, to),
                    grouped(connection, "SELECT severity, COUNT(*) FROM flags WHERE setting_id = ? AND visited_at >= ? "
                            + "AND visited_at < ? GROUP BY severity", settingId, from, to),
                    grouped(connection, "SELECT state, COUNT(*) FROM flags WHERE setting_id = ? AND visited_at >= ? "
                            + "AND visited_at < ? GROUP BY state", settingId, from, to),
                    count(connection, "SELECT COUNT(DISTINCT c.flag_id) FROM flag_changes c JOIN flags f "
                            + "ON f.id = c.flag_id WHERE f.setting_id = ? AND c.at >= ? AND c.at < ? AND c.to_state = '"
                            + FlagState.ESCALATED.id() + "'", settingId, from, to),
                    count(connection, "SELECT COUNT(*) FROM quarantine_items WHERE setting_id = ? AND isolated_at >= ? "
                            + "AND isolated_at < ?", settingId, from, to),
                    decisions(connection, settingId, from, to, QuarantineItems.RELEASE),
                    decisions(connection, settingId, from, to, QuarantineItems.DESTROY),
                    decisions(connection, settingId, from, to, QuarantineItems.PRESERVE),
                    count(connection, "SELECT COUNT(*) FROM device_holds WHERE setting_id = ? AND placed_at >= ? "
                            + "AND placed_at < ?", settingId, from, to),
                    count(connection, "SELECT COUNT(*) FROM device_holds WHERE setting_id = ? AND lifted_at >= ? "
                            + "AND lifted_at < ?", settingId, from, to),
                    count(connection, "SELECT COUNT(*) FROM self_tests WHERE setting_id = ? AND requested_at >= ? "
                            + "AND requested_at < ?", settingId, from, to),
                    // passed end to end: the canary flag arrived within the time allowed
                    count(connection, "SELECT COUNT(*) FROM self_tests WHERE setting_id = ? AND requested_at >= ? "
                            + "AND requested_at < ? AND flag_received_at IS NOT NULL AND flag_received_at <= "
                            + "requested_at + " + SelfTests.TIMEOUT.toMillis(), settingId, from, to),
                    policies(connection, settingId, from, to));
            audit.append(connection, reader, "governor-summary.read", "setting " + settingId, "from=" + from
                    + "; to=" + to, settingId, false);
            return figures;
        });
    }

    private static long decisions(Connection connection, String settingId, Instant from, Instant to,
                                  String decision) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM file_decisions WHERE setting_id = ? AND at >= ? AND at < ? "
                + "AND decision = '" + decision + "'", settingId, from, to);
    }

    // each device's newest result per control recorded before the end, as the agent ordered them
    private static List<TermFigures.ControlShare> compliance(Connection connection, String settingId, Instant to)
            throws SQLException {
        Map<String, long[]> byControl = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT control, payload FROM (SELECT e.control, "
                + "e.payload, ROW_NUMBER() OVER (PARTITION BY e.device_id, e.control ORDER BY e.enrolment DESC, "
                + "e.sequence DESC) AS newest FROM events e JOIN devices d ON d.id = e.device_id "
                + "WHERE d.setting_id = ? AND e.type = ? AND e.control IS NOT NULL AND e.recorded_at < ?) ranked "
                + "WHERE newest = 1")) {
            select.setString(1, settingId);
            select.setString(2, Events.CHECK_RESULT);
            Millis.set(select, 3, to);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    JsonNode payload = JsonText.read(row.getString(2));
                    String status = payload.path("status").asText("");
                    if ("NOT_APPLICABLE".equalsIgnoreCase(status)) {
                        continue;
                    }
                    long[] counts = byControl.computeIfAbsent(row.getString(1), control -> new long[2]);
                    counts[1]++;
                    if ("PASS".equalsIgnoreCase(status)) {
                        counts[0]++;
                    }
                }
            }
        }
        List<TermFigures.ControlShare> shares = new ArrayList<>();
        byControl.forEach((control, counts) -> shares.add(new TermFigures.ControlShare(control, counts[0],
                counts[1])));
        return shares;
    }

    private static List<TermFigures.AdoptedPolicy> policies(Connection connection, String settingId, Instant from,
                                                            Instant to) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT version, created_at FROM policy_versions "
                + "WHERE setting_id = ? AND created_at >= ? AND created_at < ? ORDER BY version")) {
            select.setString(1, settingId);
            Millis.set(select, 2, from);
            Millis.set(select, 3, to);
            List<TermFigures.AdoptedPolicy> versions = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    versions.add(new TermFigures.AdoptedPolicy(row.getInt(1), Millis.get(row, "created_at")));
                }
            }
            return versions;
        }
    }

    private static long count(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, values);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private static Map<String, Long> grouped(Connection connection, String sql, Object... values)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, values);
            Map<String, Long> counts = new TreeMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    counts.put(row.getString(1), row.getLong(2));
                }
            }
            return counts;
        }
    }

    private static void bind(PreparedStatement select, Object... values) throws SQLException {
        Conditions conditions = new Conditions();
        conditions.and("", values);
        conditions.bind(select, 1);
    }
}
