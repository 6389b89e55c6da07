package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Check-ins stored together: each caller answered with its own result, one bad item failing only itself. */
class GroupCommitTest extends StoreTestBase {

    @StoreTest
    void everyCallerGetsItsOwnAnswerAndEveryItemIsStoredOnce(StoreKind kind) throws Exception {
        Database database = probeTable(open(kind));
        GroupCommit<Integer, String> groups = new GroupCommit<>(database, 2, 64, 1 << 20, item -> 100,
                Comparator.<Integer>naturalOrder(), GroupCommitTest::insert);
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 1; i <= 400; i++) {
                int item = i;
                answers.add(callers.submit(() -> groups.store(item)));
            }
            for (int i = 1; i <= 400; i++) {
                assertEquals("stored " + i, answers.get(i - 1).get(30, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(400, count(database, "SELECT COUNT(DISTINCT id) FROM group_probe"));
        assertEquals(400, count(database, "SELECT COUNT(*) FROM group_probe"));
    }

    @StoreTest
    void aFailingItemFailsOnlyItsOwnCallerAndLeavesNoRow(StoreKind kind) throws Exception {
        Database database = probeTable(open(kind));
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        List<Integer> seen = new ArrayList<>();
        GroupCommit<Integer, String> groups = new GroupCommit<>(database, 1, 64, 1 << 20, item -> 100,
                Comparator.<Integer>naturalOrder(), (connection, item) -> {
                    if (item == 0) {
                        // hold the only writer until the five others wait together: they form one group
                        firstWriting.countDown();
                        awaitQuietly(othersQueued);
                    }
                    synchronized (seen) {
                        seen.add(item);
                    }
                    if (item == 3) {
                        throw new IllegalStateException("item 3 is refused");
                    }
                    return insert(connection, item);
                });
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            Future<String> first = callers.submit(() -> groups.store(0));
            awaitQuietly(firstWriting);
            List<Future<String>> rest = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int item = i;
                rest.add(callers.submit(() -> groups.store(item)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (groups.queued() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(5, groups.queued(), "the five later items wait while the first holds the writer");
            othersQueued.countDown();
            assertEquals("stored 0", first.get(30, TimeUnit.SECONDS));
            for (int i = 1; i <= 5; i++) {
                Future<String> answer = rest.get(i - 1);
                if (i == 3) {
                    Exception failure = assertThrows(Exception.class,
                            () -> answer.get(30, TimeUnit.SECONDS));
                    assertInstanceOf(IllegalStateException.class, failure.getCause());
                    assertEquals("item 3 is refused", failure.getCause().getMessage());
                } else {
                    assertEquals("stored " + i, answer.get(30, TimeUnit.SECONDS));
                }
            }
        } finally {
            callers.shutdownNow();
        }
        // the group (1..5) ran once together, failed at 3, and was then tried item by item
        assertEquals(List.of(0, 1, 2, 3, 1, 2, 3, 4, 5), seen);
        assertEquals(5, count(database, "SELECT COUNT(*) FROM group_probe"));
        assertEquals(0, count(database, "SELECT COUNT(*) FROM group_probe WHERE id = 3"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Database probeTable(Database database) {
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE group_probe (id INTEGER NOT NULL, note TEXT NOT NULL)");
            }
            return null;
        });
        return database;
    }

    private static String insert(Connection connection, int item) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO group_probe (id, note) VALUES (?, ?)")) {
            insert.setInt(1, item);
            insert.setString(2, "item " + item);
            insert.executeUpdate();
        }
        return "stored " + item;
    }

    private static int count(Database database, String sql) {
        return database.read(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
                row.next();
                return row.getInt(1);
            }
        });
    }
}
