package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * PostgreSQL at 127.0.0.1:5432 for the console's tests: a fresh schema per test, dropped afterwards, and a skip
 * that says why when the server does not answer.
 */
public final class TestPostgres {
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static String problem;
    private static boolean probed;

    private TestPostgres() {
    }

    /** A schema made for one test; {@link #url()} points the store at it. */
    public record Schema(String name) {
        public String url() {
            return URL + "&currentSchema=" + name;
        }

        public void drop() {
            execute("DROP SCHEMA " + name + " CASCADE");
        }
    }

    /** A new empty schema, or the test is skipped with the reason PostgreSQL could not be reached. */
    public static Schema freshSchemaOrSkip(String prefix) {
        String reason = problem();
        Assumptions.assumeTrue(reason == null,
                () -> "PostgreSQL at 127.0.0.1:5432 was not reachable, so the PostgreSQL run is skipped: " + reason);
        Schema schema = new Schema(prefix + UUID.randomUUID().toString().replace("-", ""));
        execute("CREATE SCHEMA " + schema.name());
        return schema;
    }

    private static synchronized String problem() {
        if (!probed) {
            probed = true;
            DriverManager.setLoginTimeout(3);
            try (Connection ignored = DriverManager.getConnection(URL)) {
                problem = null;
            } catch (SQLException e) {
                problem = e.getMessage();
            }
        }
        return problem;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test set-up on PostgreSQL failed: " + sql, e);
        }
    }
}
