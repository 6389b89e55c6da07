import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.nestguard.agent.classify.ListLibrary;
import org.nestguard.agent.classify.VisitClassifier;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.history.BatchEnd;
import org.nestguard.agent.history.BrowserProfile;
import org.nestguard.agent.history.ChromiumHistoryReader;
import org.nestguard.agent.history.Harvest;
import org.nestguard.agent.history.HistoryCollector;
import org.nestguard.agent.history.HistoryCursors;
import org.nestguard.agent.history.HistoryFormat;
import org.nestguard.agent.history.HistoryRecorder;
import org.nestguard.agent.history.PipelinedRecorder;
import org.nestguard.agent.history.LinuxProfileDiscovery;
import org.nestguard.agent.history.ProfileHarvest;
import org.nestguard.agent.history.SearchTerms;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.policy.Clause;
import org.nestguard.protocol.policy.HistoryRule;

/**
 * A first collection of a large Chromium profile, every visit collected and classified as the service does it
 * (the collector the service builds, each visit through the classifier of the bundled lists for a policy that
 * uploads all history; no outbox), timed apart: time in the collector (copy, SQLite, cursors) and time in the
 * classifier. Heap is followed through the garbage collector's notifications: the most in use before a collection
 * (the heap's high-water mark) and after one (what was live).
 *
 * <p>Usage: {@code HistoryCatchUpBench sql HISTORY} prints the SQL the reader runs for a first read of HISTORY, for
 * the sqlite3 reference; {@code HistoryCatchUpBench jdbc HISTORY} times that query through sqlite-jdbc alone;
 * {@code HistoryCatchUpBench run ROOT VISITS [rounds]} collects the profile under ROOT (a host root with
 * home/tester/.config/chromium/Default/History) with {@code collectAll} (or, with {@code rounds}, with
 * {@code collect()} and {@code commit()} in a loop as the service's HistoryCycle does today) and checks that exactly
 * VISITS visits came. {@code -Dclassify=false} leaves classification out, to time the collector alone.
 */
public final class HistoryCatchUpBench {
    private static long maxBeforeGc;
    private static long maxAfterGc;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("sql")) {
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + args[1])) {
                System.out.println(ChromiumHistoryReader.firstReadSql(db));
            }
            return;
        }
        if (args[0].equals("jdbc")) {
            jdbcAlone(args[1]);
            return;
        }
        Path root = Path.of(args[1]).toAbsolutePath();
        long expected = Long.parseLong(args[2]);
        boolean rounds = args.length > 3 && args[3].equals("rounds");
        watchGc();

        HistoryRule rule = new HistoryRule(HistoryRule.Upload.ALL, Period.ofDays(90), Period.ofYears(6), null,
                List.of(), List.of(new Clause("7.3.4", "monitoring internet and web access")));
        long t = System.nanoTime();
        VisitClassifier classifier = ListLibrary.bundled().classifierFor(rule);
        long libraryNanos = System.nanoTime() - t;
        System.gc();
        long libraryHeap = used();

        Instant newest;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(
                "home/tester/.config/chromium/Default/History"));
             Statement query = db.createStatement();
             ResultSet row = query.executeQuery("SELECT max(visit_time) FROM visits")) {
            newest = ChromiumHistoryReader.toInstant(row.getLong(1));
        }
        // The profile is a past history: "now" is a day after its newest visit, so the settle time holds none back.
        Clock clock = Clock.fixed(newest.plusSeconds(86_400), ZoneOffset.UTC);
        Path home = Files.createTempDirectory("nestguard-catchup-home");
        AgentHome agent = new AgentHome(home.resolve("agent"));
        agent.create();
        HistoryCollector collector = new HistoryCollector(new LinuxProfileDiscovery(new HostRoot(root)),
                Map.of(HistoryFormat.CHROMIUM, new ChromiumHistoryReader()), HistoryCursors.open(agent),
                account -> AccountKind.LEARNER, new SearchTerms(), agent.historyScratch(), clock,
                HistoryCollector.DEFAULT_SETTLE, HistoryCollector.DEFAULT_BATCH_BYTES,
                HistoryCollector.DEFAULT_STREAMED_BATCH_BYTES);

        long start = System.nanoTime();
        // -Dclassify=false measures the collector alone (the visits are made, then dropped).
        Tally tally = new Tally(Boolean.parseBoolean(System.getProperty("classify", "true")) ? classifier : null,
                start);
        if (rounds) {
            Harvest harvest;
            do {
                long t0 = System.nanoTime();
                harvest = collector.collect();
                tally.collectNanos += System.nanoTime() - t0;
                tally.record(harvest);
                t0 = System.nanoTime();
                collector.commit(harvest);
                tally.collectNanos += System.nanoTime() - t0;
            } while (harvest.more());
        } else if (Boolean.parseBoolean(System.getProperty("pipeline", "true"))) {
            // As HistoryCycle runs it: the classifier on a second thread beside the reading. A time limit longer
            // than the catch-up takes: one call collects everything.
            try (PipelinedRecorder pipeline = new PipelinedRecorder(tally, "bench-classifier")) {
                collector.collectAll(Duration.ofHours(1), pipeline);
            }
        } else {
            collector.collectAll(Duration.ofHours(1), tally);
        }
        long total = System.nanoTime() - start;
        long visits = tally.visits;
        if (visits != expected || tally.failures > 0) {
            throw new IllegalStateException("collected " + visits + " of " + expected + " visits; "
                    + tally.failures + " profile failures");
        }
        // on two threads the classifier's time overlaps the reading: collection is then the wall time the reading
        // thread was not waiting, which this cannot tell apart; it is given only for one thread
        boolean pipelined = !rounds && Boolean.parseBoolean(System.getProperty("pipeline", "true"));
        long collectNanos = rounds ? tally.collectNanos : pipelined ? -1 : total - tally.classifyNanos;
        long classifyNanos = tally.classifyNanos;
        StringBuilder gcs = new StringBuilder();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.append(gcs.length() == 0 ? "" : ", ").append(gc.getName()).append(' ')
                    .append(gc.getCollectionCount()).append(" GCs ").append(gc.getCollectionTime()).append(" ms");
        }
        String how = rounds ? "collect() and commit() per batch"
                : pipelined ? "collectAll(), classifier on a second thread" : "collectAll()";
        System.out.printf("agent (%s): %d visits in %d batches, %.2f s, %.0f visits/s (%d flagged); largest batch"
                        + " %d visits%n", how, visits,
                tally.batches, total / 1e9, visits / (total / 1e9), tally.flagged, tally.largest);
        if (collectNanos < 0) {
            System.out.printf("agent: classification %.2f s (%.0f visits/s) on its own thread, beside the reading%n",
                    classifyNanos / 1e9, visits / (classifyNanos / 1e9));
        } else {
            System.out.printf("agent: collection %.2f s (%.0f visits/s), classification %.2f s (%.0f visits/s)%n",
                    collectNanos / 1e9, visits / (collectNanos / 1e9), classifyNanos / 1e9,
                    visits / (classifyNanos / 1e9));
        }
        System.out.printf("heap: max %.1f MiB; bundled lists loaded in %.2f s, %.1f MiB live after loading; during"
                        + " the run at most %.1f MiB in use (before a GC), at most %.1f MiB live (after a GC);"
                        + " %s%n",
                Runtime.getRuntime().maxMemory() / 1048576.0, libraryNanos / 1e9, libraryHeap / 1048576.0,
                Math.max(maxBeforeGc, used()) / 1048576.0, maxAfterGc / 1048576.0, gcs);
        System.out.printf("agent seconds: %.3f%n", total / 1e9);
        delete(home);
    }

    /**
     * The reader's query through sqlite-jdbc with each row's six values fetched as the reader fetches them (three
     * longs, three texts as UTF-8 bytes) and nothing else: what any reader on this driver pays before it makes a
     * visit. Three runs in one JVM, the fastest reported, with a checksum of the values (ids, times and transitions
     * added, and the texts' lengths) that {@code ChromiumFileScanBench} prints too.
     */
    private static void jdbcAlone(String history) throws Exception {
        long best = Long.MAX_VALUE;
        long rows = 0;
        long checksum = 0;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + history)) {
            String sql = ChromiumHistoryReader.firstReadSql(db);
            for (int run = 0; run < 3; run++) {
                long t = System.nanoTime();
                long sum = 0;
                rows = 0;
                try (Statement query = db.createStatement(); ResultSet row = query.executeQuery(sql)) {
                    while (row.next()) {
                        sum += row.getLong(1) + row.getLong(2) + row.getLong(3);
                        for (int column = 4; column <= 6; column++) {
                            byte[] text = row.getBytes(column);
                            sum += text == null ? 0 : new String(text, StandardCharsets.UTF_8).length();
                        }
                        rows++;
                    }
                }
                best = Math.min(best, System.nanoTime() - t);
                checksum = sum; // printed: keeps the work from being optimised away, and compares with the file scan
            }
        }
        System.out.printf("sqlite-jdbc alone: %d rows, fastest of 3 runs %.2f s, %.0f rows/s%n", rows, best / 1e9,
                rows / (best / 1e9));
        System.out.printf("jdbc checksum: %d%n", checksum);
        System.out.printf("jdbc seconds: %.3f%n", best / 1e9);
    }

    /** Classifies each visit as HistoryCycle does, and counts. */
    private static final class Tally implements HistoryRecorder {
        private final VisitClassifier classifier;
        private final long start;
        private long nextProgress;
        long collectNanos;
        long classifyNanos;
        long visits;
        long flagged;
        int batches;
        int largest;
        int failures;

        Tally(VisitClassifier classifier, long start) {
            this.classifier = classifier;
            this.start = start;
            this.nextProgress = start + 10_000_000_000L;
        }

        /** One visit as collectAll() streams it. */
        @Override
        public void visit(BrowserProfile profile, Visit visit) {
            long t = System.nanoTime();
            classify(visit);
            classifyNanos += System.nanoTime() - t;
        }

        @Override
        public void endOfBatch(BatchEnd batch) {
            batchDone(batch.visits(), batch.failures().size());
        }

        /** A batch as collect() returns it. */
        void record(Harvest harvest) {
            long t = System.nanoTime();
            for (ProfileHarvest profile : harvest.profiles()) {
                for (Visit visit : profile.visits()) {
                    classify(visit);
                }
            }
            classifyNanos += System.nanoTime() - t;
            batchDone(harvest.visitCount(), harvest.failures().size());
        }

        private void classify(Visit visit) {
            if (classifier != null) {
                List<Flag> flags = classifier.classify(visit);
                flagged += flags.isEmpty() ? 0 : 1;
            }
        }

        private void batchDone(int count, int failed) {
            visits += count;
            largest = Math.max(largest, count);
            failures += failed;
            batches++;
            long now = System.nanoTime();
            if (now > nextProgress) {
                System.out.printf("  ... %d visits in %.0f s%n", visits, (now - start) / 1e9);
                nextProgress += 10_000_000_000L;
            }
        }
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Records the heap in use before and after every collection, from the JVM's own GC notifications. */
    private static void watchGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long before = heapOf(info.getGcInfo().getMemoryUsageBeforeGc());
                long after = heapOf(info.getGcInfo().getMemoryUsageAfterGc());
                synchronized (HistoryCatchUpBench.class) {
                    maxBeforeGc = Math.max(maxBeforeGc, before);
                    maxAfterGc = Math.max(maxAfterGc, after);
                }
            }, null, null);
        }
    }

    /** The heap pools' part of a GC's memory figures, which also cover metaspace and the code cache. */
    private static long heapOf(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pools.containsKey(pool.getName())) {
                used += pools.get(pool.getName()).getUsed();
            }
        }
        return used;
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
