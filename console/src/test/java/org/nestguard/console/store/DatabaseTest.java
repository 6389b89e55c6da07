package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseTest extends StoreTestBase {

    @Test
    void defaultStoreIsSqliteInTheDataFolderWithWalAndForeignKeys() {
        try (Database database = Database.open(null, temp.resolve("data"))) {
            assertEquals(Dialect.SQLITE, database.dialect());
            assertTrue(Files.isRegularFile(temp.resolve("data").resolve(Database.SQLITE_FILE)));
            assertEquals("wal", pragma(database, "journal_mode"));
            assertEquals("1", pragma(database, "foreign_keys"));
            assertEquals("10000", pragma(database, "busy_timeout"));
        }
    }

    @Test
    void onlyTheConsolesAccountCanReadTheSqliteStore() throws Exception {
        try (Database database = Database.open(null, temp.resolve("data"))) {
            new Settings(database, clock).add("ditton-junior", "Ditton CE Junior School");
            for (String name : List.of(Database.SQLITE_FILE, Database.SQLITE_FILE + "-wal")) {
                assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(temp.resolve("data").resolve(name))), name);
            }
        }
    }

    @StoreTest
    void migratingAgainKeepsDataAndAddsNothing(StoreKind kind) {
        Database first = open(kind);
        new Settings(first, clock).add("ditton-junior", "Ditton CE Junior School");
        first.close();

        Database again = reopen();
        Database alongside = reopen();
        assertEquals("Ditton CE Junior School",
                new Settings(again, clock).find("ditton-junior").orElseThrow().name());
        assertEquals(1, new Settings(alongside, clock).list().size());
        // one row per migration: those in db/migration/common and the dialect's own (each dialect folder holds the
        // same versions), none added again; counted from the folders, so a branch adding a migration need not edit
        int migrations = migrationFiles("common") + migrationFiles("sqlite");
        assertEquals(Integer.valueOf(migrations), again.<Integer>read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(
                         "SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL")) {
                row.next();
                return row.getInt(1);
            }
        }));
    }

    @StoreTest
    void failedTransactionLeavesNothingBehind(StoreKind kind) {
        Database database = open(kind);
        assertThrows(IllegalStateException.class, () -> database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO settings (id, name, created_at) VALUES ('a', 'A', 0)");
            }
            throw new IllegalStateException("work failed half-way");
        }));
        assertTrue(new Settings(database, clock).find("a").isEmpty());
    }

    @Test
    void postgresqlCompressesEventPayloadsWithLz4() {
        Database database = open(StoreKind.POSTGRESQL);
        // pg_attribute.attcompression: 'l' lz4, 'p' pglz, '' the server's default
        assertEquals("l", database.read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT attcompression FROM pg_attribute "
                         + "WHERE attrelid = 'events'::regclass AND attname = 'payload'")) {
                row.next();
                return row.getString(1);
            }
        }));
    }

    @Test
    void sqliteTransactionsEndWithTheirCommitSoAnotherProcessCanWriteAtOnce() throws Exception {
        try (Database database = Database.open(null, temp.resolve("data"))) {
            new Settings(database, clock).add("ditton-junior", "Ditton CE Junior School");
            // the pooled connection must hold no transaction (and so no write lock) between transactions
            try (java.sql.Connection other = java.sql.DriverManager.getConnection(
                    "jdbc:sqlite:" + temp.resolve("data").resolve(Database.SQLITE_FILE));
                 Statement statement = other.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 0");
                statement.executeUpdate("UPDATE settings SET name = 'Ditton' WHERE id = 'ditton-junior'");
            }
            assertEquals("Ditton", new Settings(database, clock).find("ditton-junior").orElseThrow().name());
        }
    }

    @Test
    void sqliteBusyIsRetriedUntilTheWorkSucceeds() {
        try (Database database = Database.open(null, temp.resolve("data"))) {
            AtomicInteger attempts = new AtomicInteger();
            String result = database.transaction(connection -> {
                if (attempts.incrementAndGet() < 3) {
                    throw new org.sqlite.SQLiteException("database is locked",
                            org.sqlite.SQLiteErrorCode.SQLITE_BUSY);
                }
                return "done";
            });
            assertEquals("done", result);
            assertEquals(3, attempts.get());
        }
    }

    @Test
    void postgresqlConflictsAreRetriedButConstraintViolationsAreNot() {
        assertTrue(Dialect.POSTGRESQL.isRetryable(new java.sql.SQLException("conflict", "40001")));
        assertTrue(Dialect.POSTGRESQL.isRetryable(new java.sql.SQLException("deadlock", "40P01")));
        assertFalse(Dialect.POSTGRESQL.isRetryable(new java.sql.SQLException("duplicate", "23505")));
    }

    @Test
    void anUnsupportedUrlSaysWhatToGiveAndNeverEchoesThePassword() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Database.open("jdbc:mysql://db/console?password=hunter2", temp));
        assertTrue(refused.getMessage().contains("jdbc:postgresql://"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"));
    }

    @Test
    void anUnreachableServerIsAClearErrorWithoutThePassword() {
        StoreException refused = assertThrows(StoreException.class, () -> Database.open(
                "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=hunter2&connectTimeout=2", temp));
        assertTrue(refused.getMessage().contains("Cannot open the console database"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    private static String pragma(Database database, String name) {
        return database.read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("PRAGMA " + name)) {
                row.next();
                return row.getString(1);
            }
        });
    }

    private static int migrationFiles(String folder) {
        try (var files = Files.list(Path.of("src", "main", "resources", "db", "migration", folder))) {
            return (int) files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
