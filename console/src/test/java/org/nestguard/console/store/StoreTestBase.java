package org.nestguard.console.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens fresh stores for a test: SQLite in a temporary folder, or PostgreSQL at 127.0.0.1:5432 (database test,
 * user postgres) in a schema of its own that is dropped afterwards. Without a reachable PostgreSQL the
 * PostgreSQL run is skipped, saying so, never passed.
 */
abstract class StoreTestBase {
    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static String postgresProblem;
    private static boolean postgresProbed;

    @TempDir
    Path temp;

    private final List<Database> opened = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();
    private String lastUrl;

    /** A clock a test can move forward. */
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-12T09:00:00Z"));

    /** A fresh, empty, migrated store of this kind. */
    Database open(StoreKind kind) {
        if (kind == StoreKind.SQLITE) {
            lastUrl = null;
        } else {
            String problem = postgresProblem();
            Assumptions.assumeTrue(problem == null,
                    () -> "PostgreSQL at 127.0.0.1:5432 was not reachable, so the PostgreSQL run is skipped: " + problem);
            String schema = "store_test_" + UUID.randomUUID().toString().replace("-", "");
            execute("CREATE SCHEMA " + schema);
            schemas.add(schema);
            lastUrl = POSTGRES + "&currentSchema=" + schema;
        }
        return reopen();
    }

    /** Opens the store last opened again (a second console process, or a restart). */
    Database reopen() {
        Database database = Database.open(lastUrl, temp.resolve("data"));
        opened.add(database);
        return database;
    }

    @AfterEach
    void closeAndDrop() {
        opened.forEach(Database::close);
        schemas.forEach(schema -> execute("DROP SCHEMA " + schema + " CASCADE"));
    }

    private static synchronized String postgresProblem() {
        if (!postgresProbed) {
            postgresProbed = true;
            DriverManager.setLoginTimeout(3);
            try (Connection ignored = DriverManager.getConnection(POSTGRES)) {
                postgresProblem = null;
            } catch (SQLException e) {
                postgresProblem = e.getMessage();
            }
        }
        return postgresProblem;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test set-up on PostgreSQL failed: " + sql, e);
        }
    }

    /** A clock tests set by hand, so expiry and "not seen for" are tested without waiting. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(java.time.Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
