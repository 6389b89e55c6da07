package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies taken while another connection holds the database as a running browser does. */
class ConsistentCopyTest {
    @TempDir
    Path dir;

    @Test
    void aWalDatabaseLockedExclusivelyIsCopiedWithTheVisitsStillOnlyInItsWal() throws Exception {
        Path db = dir.resolve("profile/History");
        Files.createDirectories(db.getParent());
        try (Connection browser = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement sql = browser.createStatement()) {
            sql.execute("PRAGMA journal_mode = WAL");
            sql.execute("PRAGMA wal_autocheckpoint = 0");
            sql.execute("CREATE TABLE visits(id INTEGER PRIMARY KEY, visit_time INTEGER)");
            for (int i = 0; i < 100; i++) {
                sql.execute("INSERT INTO visits(visit_time) VALUES (" + i + ")");
            }
            sql.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            sql.execute("PRAGMA locking_mode = EXCLUSIVE"); // what Chromium's History does
            for (int i = 0; i < 5; i++) {
                sql.execute("INSERT INTO visits(visit_time) VALUES (" + (1000 + i) + ")");
            }
            assertTrue(Files.size(Path.of(db + "-wal")) > 0, "the newest rows are in the WAL only");
            assertLockedAgainstOthers(db);
            String before = digest(db) + digest(Path.of(db + "-wal"));

            try (ConsistentCopy copy = ConsistentCopy.take(db, dir.resolve("scratch"))) {
                assertEquals(105, count(copy.open(), "SELECT count(*) FROM visits"));
                assertEquals(1004, count(copy.open(), "SELECT max(visit_time) FROM visits"));
                assertEquals(1, copy.attempts());
            }

            assertEquals(before, digest(db) + digest(Path.of(db + "-wal")), "the browser's files are untouched");
        }
    }

    @Test
    void aTransactionCaughtHalfWayIsRolledBackInTheCopy() throws Exception {
        Path db = dir.resolve("History");
        try (Connection browser = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement sql = browser.createStatement()) {
            sql.execute("PRAGMA journal_mode = DELETE");
            sql.execute("CREATE TABLE visits(id INTEGER PRIMARY KEY, body BLOB)");
            sql.execute("INSERT INTO visits(body) VALUES (zeroblob(1000))");
            sql.execute("PRAGMA cache_size = 5"); // a small cache spills uncommitted pages into the main file
            browser.setAutoCommit(false);
            for (int i = 0; i < 200; i++) {
                sql.execute("INSERT INTO visits(body) VALUES (zeroblob(4000))");
            }
            assertTrue(Files.size(Path.of(db + "-journal")) > 0, "a hot journal exists while the write is open");
            assertTrue(Files.size(db) > 200 * 4000, "uncommitted pages reached the main file");

            try (ConsistentCopy copy = ConsistentCopy.take(db, dir.resolve("scratch"))) {
                assertEquals(1, count(copy.open(), "SELECT count(*) FROM visits"));
                assertEquals("ok", text(copy.open(), "PRAGMA quick_check"));
            }
            browser.rollback();
        }
    }

    @Test
    void aCopyDuringWhichTheFilesChangedIsTakenAgain() throws Exception {
        Path db = walDatabase();

        try (ConsistentCopy copy = ConsistentCopy.take(db, dir.resolve("scratch"), 5, Duration.ofMillis(10),
                attempt -> {
                    if (attempt < 3) {
                        append(Path.of(db + "-wal"));
                    }
                })) {
            assertEquals(3, copy.attempts());
            assertEquals(ConsistentCopy.Stamp.of(db), copy.stamp());
        }
    }

    @Test
    void filesThatNeverStopChangingGiveUpWithAReason() throws Exception {
        Path db = walDatabase();

        IOException e = assertThrows(IOException.class, () -> ConsistentCopy.take(db, dir.resolve("scratch"), 3,
                Duration.ofMillis(10), attempt -> append(Path.of(db + "-wal"))));

        assertTrue(e.getMessage().contains("changed during each of 3 copies"), e.getMessage());
        assertTrue(e.getMessage().contains("read at the next collection"), e.getMessage());
        assertEquals(0, HistoryCollectorTest.entries(dir.resolve("scratch")).size(), "failed copies are deleted");
    }

    @Test
    void theCopyIsPrivateToTheAgentAndDeletedOnClose() throws Exception {
        Path db = walDatabase();
        Path folder;
        try (ConsistentCopy copy = ConsistentCopy.take(db, dir.resolve("scratch"))) {
            folder = copy.database().getParent();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
            assertTrue(Files.exists(copy.database()));
            copy.open();
        }
        assertFalse(Files.exists(folder));
        assertEquals(0, HistoryCollectorTest.entries(dir.resolve("scratch")).size());
    }

    @Test
    void copiesACrashedRunLeftBehindAreDeleted() throws Exception {
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Files.createDirectories(scratch.resolve("copy-123/inner"));
        Files.writeString(scratch.resolve("copy-123/inner/copy.sqlite"), "someone's history");
        Files.writeString(scratch.resolve("unrelated.txt"), "kept");

        ConsistentCopy.deleteLeftovers(scratch);

        assertFalse(Files.exists(scratch.resolve("copy-123")));
        assertTrue(Files.exists(scratch.resolve("unrelated.txt")));
    }

    @Test
    void somethingOtherThanAFileIsRefusedAndAMissingFileNamed() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("Default/History"));
        IOException notFile = assertThrows(IOException.class, () -> ConsistentCopy.take(folder, dir));
        assertTrue(notFile.getMessage().endsWith("is not a regular file, so it is not read as history"));

        assertThrows(NoSuchFileException.class, () -> ConsistentCopy.take(dir.resolve("gone"), dir));
    }

    private Path walDatabase() throws SQLException, IOException {
        Path db = dir.resolve("places.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = c.createStatement()) {
            sql.execute("PRAGMA journal_mode = WAL");
            sql.execute("CREATE TABLE t(x)");
        }
        Files.write(Path.of(db + "-wal"), new byte[0]);
        return db;
    }

    private static void append(Path file) {
        try {
            Files.write(file, new byte[] {1}, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertLockedAgainstOthers(Path db) throws SQLException {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            SQLException e = assertThrows(SQLException.class, () -> count(other, "SELECT count(*) FROM visits"));
            assertTrue(e.getMessage().contains("locked"), e.getMessage());
        }
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String text(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
