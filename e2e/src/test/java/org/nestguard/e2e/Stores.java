package org.nestguard.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The two stores the console runs on: SQLite in its data folder, or PostgreSQL at 127.0.0.1:5432 in a schema
 * made for one test and dropped afterwards. Tests read the events table directly to prove what arrived.
 */
enum Stores {
    SQLITE, POSTGRESQL;

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** A fresh database for one test; for SQLite, the console's file in the data folder. */
    String open(Path data) throws SQLException {
        if (this == SQLITE) {
            return null;
        }
        String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return POSTGRES + "&currentSchema=" + schema;
    }

    /** Whether PostgreSQL answers; tests on it are skipped with a message when it does not. */
    static boolean postgresReachable() {
        try (Connection c = DriverManager.getConnection(POSTGRES + "&connectTimeout=3")) {
            return c.isValid(3);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The sequence numbers the console holds for a device, in the order the console stored them by sequence. */
    static List<Long> sequences(Path data, String databaseUrl, String deviceId) throws SQLException {
        String url = databaseUrl == null ? "jdbc:sqlite:" + data.resolve("console.db") : databaseUrl;
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement(
                     "SELECT sequence FROM events WHERE device_id = ? ORDER BY sequence")) {
            s.setString(1, deviceId);
            List<Long> sequences = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getLong(1));
                }
            }
            return sequences;
        }
    }

    /** Event types by sequence, to check order of recording is kept. */
    static List<Long> recordedTimes(Path data, String databaseUrl, String deviceId) throws SQLException {
        String url = databaseUrl == null ? "jdbc:sqlite:" + data.resolve("console.db") : databaseUrl;
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement(
                     "SELECT recorded_at FROM events WHERE device_id = ? ORDER BY sequence")) {
            s.setString(1, deviceId);
            List<Long> times = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    times.add(rows.getLong(1));
                }
            }
            return times;
        }
    }
}
