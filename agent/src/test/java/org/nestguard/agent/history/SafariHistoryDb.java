package org.nestguard.agent.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * A Safari {@code History.db} built from one of the schema fixtures, written to the way Safari writes it: one
 * {@code history_items} row per URL and one {@code history_visits} row per visit, redirects linked both ways.
 */
final class SafariHistoryDb implements AutoCloseable {
    private final Connection connection;

    private SafariHistoryDb(Connection connection) {
        this.connection = connection;
    }

    /** Creates the database at {@code file} from {@code fixtures/macos/history/<schemaFixture>}. */
    static SafariHistoryDb create(Path file, String schemaFixture) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(HistoryFixtures.text("macos", schemaFixture));
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
                if (!row.next() || row.getInt(1) < 2) {
                    throw new IllegalStateException("the schema fixture " + schemaFixture + " did not create its tables");
                }
            }
        }
        return new SafariHistoryDb(connection);
    }

    Connection connection() {
        return connection;
    }

    /** Adds a page Safari visited and returns the visit's id. */
    long visit(String url, double cocoaTime, String title) throws SQLException {
        return visit(url, cocoaTime, title, Visit.PLAIN);
    }

    long visit(String url, double cocoaTime, String title, Visit kind) throws SQLException {
        long item = item(url);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO history_visits (history_item, visit_time, title, load_successful, http_non_get,"
                        + " synthesized, origin, score) VALUES (?, ?, ?, ?, ?, ?, ?, 100)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, item);
            insert.setDouble(2, cocoaTime);
            if (title == null) {
                insert.setNull(3, Types.VARCHAR);
            } else {
                insert.setString(3, title);
            }
            insert.setInt(4, kind == Visit.FAILED ? 0 : 1);
            insert.setInt(5, kind == Visit.POST ? 1 : 0);
            insert.setInt(6, kind == Visit.SYNTHESIZED ? 1 : 0);
            insert.setInt(7, kind == Visit.FROM_ICLOUD ? 1 : 0);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    /** Adds a visit that {@code sourceVisit} redirected to, linked as Safari links them. */
    long redirect(long sourceVisit, String url, double cocoaTime, String title) throws SQLException {
        long destination = visit(url, cocoaTime, title);
        execute("UPDATE history_visits SET redirect_source = " + sourceVisit + " WHERE id = " + destination);
        execute("UPDATE history_visits SET redirect_destination = " + destination + " WHERE id = " + sourceVisit);
        return destination;
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private long item(String url) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("SELECT id FROM history_items WHERE url = ?")) {
            find.setString(1, url);
            try (ResultSet row = find.executeQuery()) {
                if (row.next()) {
                    long id = row.getLong(1);
                    execute("UPDATE history_items SET visit_count = visit_count + 1 WHERE id = " + id);
                    return id;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO history_items (url, domain_expansion, visit_count, daily_visit_counts,"
                        + " should_recompute_derived_visit_counts, visit_count_score) VALUES (?, ?, 1, ?, 0, 100)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, url);
            insert.setString(2, domainExpansion(url));
            insert.setBytes(3, new byte[] {1, 0, 0, 0});
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    /** Safari's domain_expansion: the registrable name without "www." and the suffix (bbc for www.bbc.co.uk). */
    private static String domainExpansion(String url) {
        String host = java.net.URI.create(url).getHost();
        if (host == null) {
            return null;
        }
        String[] labels = host.replaceFirst("^www\\.", "").split("\\.");
        return labels[0];
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** What kind of visit Safari recorded. */
    enum Visit { PLAIN, POST, SYNTHESIZED, FAILED, FROM_ICLOUD }
}
