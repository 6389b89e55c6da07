package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A year of a heavy user's Safari history caught up in the service's 24 MiB heap. The reader once read every new
 * visit into a list before handing any over, which does not fit.
 */
class SafariCatchUpTest {
    private static final int VISITS = 150_000;

    @TempDir
    Path dir;

    @Test
    void aLargeSafariHistoryIsCaughtUpInTheServicesHeap() throws Exception {
        Path file = dir.resolve("History.db");
        try (SafariHistoryDb db = SafariHistoryDb.create(file, "safari-history-v16.sql")) {
            db.connection().setAutoCommit(false);
            try (PreparedStatement items = db.connection().prepareStatement(
                         "INSERT INTO history_items (id, url, domain_expansion, visit_count, daily_visit_counts,"
                                 + " should_recompute_derived_visit_counts, visit_count_score)"
                                 + " VALUES (?, ?, NULL, 1, x'', 0, 100)");
                 PreparedStatement visits = db.connection().prepareStatement(
                         "INSERT INTO history_visits (history_item, visit_time, title, load_successful, http_non_get,"
                                 + " synthesized, origin, score) VALUES (?, ?, ?, 1, 0, 0, 0, 100)")) {
                for (int i = 1; i <= VISITS; i++) {
                    items.setLong(1, i);
                    items.setString(2, "https://www.site" + (i % 500) + ".example.org/topic/" + i + "/page.html");
                    items.addBatch();
                    visits.setLong(1, i);
                    visits.setDouble(2, 760_000_000.0 + i * 60.0);
                    visits.setString(3, "Page " + i + " on reading, maths and science for year " + (i % 6 + 1));
                    visits.addBatch();
                }
                items.executeBatch();
                visits.executeBatch();
            }
            db.connection().commit();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xms4m", "-Xmx24m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=10",
                "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-cp", System.getProperty("java.class.path"), SafariCatchUpChild.class.getName(), file.toString(),
                dir.resolve("agent").toString());
        Path output = dir.resolve("output.txt");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the catch-up did not finish in 3 minutes");
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertEquals(0, child.exitValue(), printed);
        assertTrue(printed.contains("visits " + VISITS + " failures 0"), printed);
    }
}
