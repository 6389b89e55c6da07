import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.history.CanaryHistory;
import org.nestguard.agent.history.ChromiumHistoryReader;
import org.nestguard.agent.history.Harvest;
import org.nestguard.agent.history.HistoryCollector;
import org.nestguard.agent.history.HistoryCursors;
import org.nestguard.agent.history.HistoryFormat;
import org.nestguard.agent.history.LinuxProfileDiscovery;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.protocol.monitoring.AccountKind;

/**
 * The cost of history collection on one large Chromium profile: the first catch-up through every visit (rounds of
 * collect() and commit(), each a batch of at most HistoryCollector.DEFAULT_BATCH_BYTES from its own copy, as the
 * service's HistoryCycle calls them; bench/history-catchup-bench.sh measures collectAll(), which copies once), a
 * collection after a few new visits (dominated by the consistent copy), a collection when nothing changed (skipped
 * without a copy), and the reference: copying the same History file with Files.copy. Run it with the agent's JVM
 * flags to show the heap bound holds.
 * Usage: HistoryBench DIR VISITS
 */
public final class HistoryBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int visits = Integer.parseInt(args[1]);
        delete(dir);
        Path history = dir.resolve("root/home/tester/.config/chromium/Default/History");
        Instant start = Instant.now().minus(Duration.ofDays(60));
        new CanaryHistory(history).append("https://example.invalid/first", "First", start);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + history)) {
            db.setAutoCommit(false);
            addVisits(db, 1, visits - 1, start);
            db.commit();
        }
        System.out.printf("History: %d visits, %.1f MiB%n", visits, Files.size(history) / 1048576.0);

        long[] copies = new long[5];
        for (int i = 0; i < copies.length; i++) {
            Path target = dir.resolve("reference-copy");
            long t = System.nanoTime();
            Files.copy(history, target);
            copies[i] = System.nanoTime() - t;
            Files.delete(target);
        }

        AgentHome home = new AgentHome(dir.resolve("agent"));
        home.create();
        HistoryCollector collector = new HistoryCollector(new LinuxProfileDiscovery(new HostRoot(dir.resolve("root"))),
                Map.of(HistoryFormat.CHROMIUM, new ChromiumHistoryReader()), HistoryCursors.open(home),
                account -> AccountKind.LEARNER, url -> null, home.state().resolve("history-scratch"),
                Clock.systemUTC());
        long t = System.nanoTime();
        int rounds = 0;
        long collected = 0;
        long peakHeap = 0;
        Harvest harvest;
        do {
            harvest = collector.collect();
            peakHeap = Math.max(peakHeap, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
            collected += harvest.visitCount();
            collector.commit(harvest);
            rounds++;
        } while (harvest.more());
        long catchUp = System.nanoTime() - t;
        if (collected != visits) {
            throw new IllegalStateException("collected " + collected + " of " + visits + " visits");
        }

        long[] changed = new long[5];
        for (int i = 0; i < changed.length; i++) {
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + history)) {
                db.setAutoCommit(false);
                addVisits(db, visits + i * 20, 20, Instant.now().minus(Duration.ofMinutes(5)));
                db.commit();
            }
            t = System.nanoTime();
            harvest = collector.collect();
            collector.commit(harvest);
            changed[i] = System.nanoTime() - t;
            if (harvest.visitCount() != 20) {
                throw new IllegalStateException("expected 20 new visits, collected " + harvest.visitCount());
            }
        }
        long[] unchanged = new long[5];
        for (int i = 0; i < unchanged.length; i++) {
            t = System.nanoTime();
            collector.commit(collector.collect());
            unchanged[i] = System.nanoTime() - t;
        }

        System.out.printf("first catch-up: %d visits in %d rounds, %.2f s, %.0f visits/s; heap in use after a"
                + " collect at most %.1f MiB (max heap %.0f MiB)%n", collected, rounds, catchUp / 1e9,
                collected / (catchUp / 1e9), peakHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        System.out.printf("collect after 20 new visits: median %.1f ms%n", median(changed) / 1e6);
        System.out.printf("collect with nothing changed: median %.2f ms%n", median(unchanged) / 1e6);
        System.out.printf("reference Files.copy of the History file: median %.1f ms%n", median(copies) / 1e6);
        System.out.printf("ratio collect-after-change / reference copy: %.2f%n",
                (double) median(changed) / median(copies));
        delete(dir);
    }

    /** Visits with school-like URLs and titles: one URL for every three visits. */
    private static void addVisits(Connection db, int from, int count, Instant start) throws Exception {
        try (PreparedStatement url = db.prepareStatement("INSERT INTO urls(url, title, visit_count, typed_count,"
                + " last_visit_time, hidden) VALUES (?, ?, 3, 0, ?, 0)");
             PreparedStatement visit = db.prepareStatement("INSERT INTO visits(url, visit_time, from_visit,"
                     + " transition, segment_id, visit_duration) VALUES ((SELECT max(id) FROM urls), ?, 0, ?, 0, 0)")) {
            for (int i = from; i < from + count; i++) {
                long time = ChromiumHistoryReader.fromInstant(start.plusSeconds(i));
                if (i % 3 == 0 || i == from) {
                    url.setString(1, "https://www.bbc.co.uk/bitesize/topics/zkgg87h/articles/z" + i + "?page=" + i);
                    url.setString(2, "KS2 Science: Living things and their habitats, part " + i + " - BBC Bitesize");
                    url.setLong(3, time);
                    url.executeUpdate();
                }
                visit.setLong(1, time);
                visit.setLong(2, i % 2 == 0 ? 0x30000000L : 0x30000001L);
                visit.executeUpdate();
            }
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void delete(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
