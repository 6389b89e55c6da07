package org.nestguard.console.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens fresh stores for a test: SQLite in a temporary folder, or PostgreSQL at 127.0.0.1:5432 (database test,
 * user postgres) in a schema of its own that is dropped afterwards. Without a reachable PostgreSQL the
 * PostgreSQL run is skipped, saying so, never passed.
 */
abstract class StoreTestBase {

    @TempDir
    Path temp;

    private final List<Database> opened = new ArrayList<>();
    private final List<TestPostgres.Schema> schemas = new ArrayList<>();
    private String lastUrl;

    /** A clock a test can move forward. */
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-12T09:00:00Z"));

    /** A fresh, empty, migrated store of this kind. */
    Database open(StoreKind kind) {
        if (kind == StoreKind.SQLITE) {
            lastUrl = null;
        } else {
            TestPostgres.Schema schema = TestPostgres.freshSchemaOrSkip("store_test_");
            schemas.add(schema);
            lastUrl = schema.url();
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
        schemas.forEach(TestPostgres.Schema::drop);
    }



}
