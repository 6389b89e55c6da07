import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.files.DigestSet;
import org.nestguard.agent.files.FileIndex;
import org.nestguard.agent.files.FileRules;
import org.nestguard.agent.files.FileScanner;
import org.nestguard.agent.files.HashList;
import org.nestguard.agent.files.HashListStore;
import org.nestguard.agent.files.LoadedHashLists;
import org.nestguard.agent.files.ScanSummary;
import org.nestguard.agent.files.StreamingHasher;
import org.nestguard.agent.files.WatchedFolders;
import org.nestguard.agent.platform.AccountHome;

/**
 * The file checks' speed: (1) hashing throughput over the same files as {@code sha256sum} reads, SHA-256 alone and
 * all three digests in one pass, in the same run, as a ratio; (2) an incremental rescan of many unchanged files
 * (index loaded from disk, tree walked, nothing hashed); (3) a 1,000,000-hash SHA-256 list: import, load, heap per
 * hash, lookups per second. Usage: FileScanBench WORKDIR HASH_MIB RESCAN_FILES ROUNDS LIST_HASHES
 */
public final class FileScanBench {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int hashMib = Integer.parseInt(args[1]);
        int rescanFiles = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int listHashes = Integer.parseInt(args[4]);
        hashing(work.resolve("hash"), hashMib, rounds);
        rescan(work.resolve("rescan"), rescanFiles, rounds);
        hashList(work.resolve("list"), listHashes);
    }

    static void hashing(Path dir, int mib, int rounds) throws Exception {
        int fileMib = 128;
        int files = Math.max(1, mib / fileMib);
        List<Path> paths = new ArrayList<>();
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(42);
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < files; i++) {
            Path file = dir.resolve("data-" + i + ".bin");
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int m = 0; m < fileMib; m++) {
                    for (int b = 0; b < block.length; b += 8) {
                        long v = random.nextLong();
                        for (int k = 0; k < 8; k++) {
                            block[b + k] = (byte) (v >>> (8 * k));
                        }
                    }
                    out.write(block);
                }
            }
            paths.add(file);
        }
        long bytes = (long) files * fileMib << 20;
        System.out.printf(Locale.ROOT, "%n== hashing: %d files, %.2f GiB (page cache warm: every tool reads the same "
                + "files in turn) ==%n", files, bytes / (double) (1L << 30));
        List<String> command = new ArrayList<>(List.of("sha256sum"));
        paths.forEach(p -> command.add(p.toString()));
        runSha256sum(command); // warm the page cache
        StreamingHasher hasher = new StreamingHasher();
        double[] ref = new double[rounds];
        double[] one = new double[rounds];
        double[] all = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            runSha256sum(command);
            ref[r] = mibPerSecond(bytes, System.nanoTime() - t0);
            t0 = System.nanoTime();
            for (Path p : paths) {
                hasher.hash(p, DigestSet.SHA256_ONLY);
            }
            one[r] = mibPerSecond(bytes, System.nanoTime() - t0);
            t0 = System.nanoTime();
            for (Path p : paths) {
                hasher.hash(p, DigestSet.ALL);
            }
            all[r] = mibPerSecond(bytes, System.nanoTime() - t0);
            System.out.printf(Locale.ROOT, "round %d: sha256sum %.0f MiB/s, agent SHA-256 %.0f MiB/s (%.2fx), agent "
                    + "SHA-256+SHA-1+MD5 %.0f MiB/s (%.2fx); load %s%n", r + 1, ref[r], one[r], one[r] / ref[r],
                    all[r], all[r] / ref[r], load());
        }
        report("sha256sum", ref, null);
        report("agent SHA-256 only", one, ref);
        report("agent all three digests", all, ref);
        for (Path p : paths) {
            Files.delete(p);
        }
    }

    private static void runSha256sum(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (process.waitFor() != 0) {
            throw new IOException("sha256sum failed");
        }
    }

    static void rescan(Path dir, int count, int rounds) throws Exception {
        Path home = dir.resolve("home/pupil");
        int perFolder = 1000;
        byte[] content = new byte[512];
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Path folder = home.resolve("Documents/f" + (i / perFolder));
            if (i % perFolder == 0) {
                Files.createDirectories(folder);
            }
            content[0] = (byte) i;
            content[1] = (byte) (i >> 8);
            content[2] = (byte) (i >> 16);
            Files.write(folder.resolve("file-" + i + ".txt"), content);
        }
        System.out.printf(Locale.ROOT, "%n== rescan: %d files of 512 bytes in %d folders (made in %.1f s) ==%n",
                count, (count + perFolder - 1) / perFolder, (System.nanoTime() - t0) / 1e9);
        Path indexFile = dir.resolve("state/file-index.bin");
        LoadedHashLists lists = new LoadedHashLists(List.of(), List.of());
        FileRules rules = new FileRules(lists, List.of(), null, false);
        WatchedFolders folders = WatchedFolders.resolve(List.of(new AccountHome("pupil", home)),
                List.of("Documents"));
        t0 = System.nanoTime();
        FileScanner first = scanner(FileIndex.open(indexFile));
        first.use(new FileScanner.Plan(folders, rules, account -> org.nestguard.protocol.monitoring.AccountKind.LEARNER, List.of()));
        ScanSummary full = first.rescan();
        System.out.printf(Locale.ROOT, "first scan (every file hashed, index written): %.2f s, %d hashed; index file "
                + "%.1f MiB = %.0f bytes a file%n", (System.nanoTime() - t0) / 1e9, full.hashed(),
                Files.size(indexFile) / 1048576.0, Files.size(indexFile) / (double) count);
        double[] seconds = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            t0 = System.nanoTime();
            FileScanner again = scanner(FileIndex.open(indexFile)); // as after an agent restart
            again.use(new FileScanner.Plan(folders, rules, account -> org.nestguard.protocol.monitoring.AccountKind.LEARNER, List.of()));
            ScanSummary summary = again.rescan();
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            if (summary.hashed() != 0 || summary.files() != count) {
                throw new IllegalStateException("rescan hashed " + summary.hashed() + " of " + summary.files());
            }
            System.out.printf(Locale.ROOT, "round %d: incremental rescan (index loaded, %d files walked, 0 hashed) "
                    + "%.2f s; load %s%n", r + 1, summary.files(), seconds[r], load());
        }
        long before = usedHeap();
        FileIndex held = FileIndex.open(indexFile);
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "index held in memory: %.1f MiB heap for %d files = %.0f bytes a file%n",
                (after - before) / 1048576.0, held.size(), (after - before) / (double) held.size());
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "incremental rescan of %d unchanged files: best %.2f s, median %.2f s "
                + "(target <= 2 s)%n", count, seconds[0], seconds[seconds.length / 2]);
        t0 = System.nanoTime();
        Process find = new ProcessBuilder("find", home.toString(), "-type", "f", "-printf", "%s %T@ %i\\n")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        find.waitFor();
        System.out.printf(Locale.ROOT, "reference: find -printf '%%s %%T@ %%i' (stat of every file, no index) "
                + "%.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static FileScanner scanner(FileIndex index) {
        return new FileScanner(index, new StreamingHasher(), (f, m, c) -> {
            throw new IllegalStateException("no isolation in the bench");
        }, flag -> { }, Clock.systemUTC());
    }

    static void hashList(Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        Path text = dir.resolve("list.txt");
        SplittableRandom random = new SplittableRandom(7);
        HexFormat hex = HexFormat.of();
        byte[] digest = new byte[32];
        byte[][] sample = new byte[1000][];
        try (var out = Files.newBufferedWriter(text)) {
            for (int i = 0; i < count; i++) {
                random.nextBytes(digest);
                if (i < sample.length) {
                    sample[i] = digest.clone();
                }
                out.write(hex.formatHex(digest));
                out.write('\n');
            }
        }
        System.out.printf(Locale.ROOT, "%n== hash list: %d SHA-256 hashes (%.0f MiB of hex) ==%n", count,
                Files.size(text) / 1048576.0);
        AgentHome home = new AgentHome(dir.resolve("agent"));
        HashListStore store = new HashListStore(home, Clock.systemUTC());
        long t0 = System.nanoTime();
        store.importFile(text, "bench", null, null);
        System.out.printf(Locale.ROOT, "import (parse, sort, write): %.2f s%n", (System.nanoTime() - t0) / 1e9);
        long before = usedHeap();
        t0 = System.nanoTime();
        HashList list = store.load("bench");
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "load: %.3f s; heap %.1f MiB = %.1f bytes a hash (the digest itself is 32)%n",
                loadSeconds, (after - before) / 1048576.0, (after - before) / (double) count);
        int lookups = 2_000_000;
        int hits = 0;
        t0 = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            byte[] probe;
            if ((i & 1) == 0) {
                probe = sample[i % sample.length];
            } else {
                probe = digest;
                probe[i & 31] ^= (byte) i;
            }
            hits += list.sha256().contains(probe) ? 1 : 0;
        }
        double perSecond = lookups / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "lookups: %.1f million a second (%d hits of %d)%n", perSecond / 1e6, hits,
                lookups);
        if (list.size() != count) {
            throw new IllegalStateException("list holds " + list.size());
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    private static void report(String what, double[] values, double[] reference) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        String ratio = "";
        if (reference != null) {
            double[] ratios = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                ratios[i] = values[i] / reference[i];
            }
            Arrays.sort(ratios);
            ratio = String.format(Locale.ROOT, "; ratio to sha256sum in the same round: best %.2fx, median %.2fx",
                    ratios[ratios.length - 1], ratios[ratios.length / 2]);
        }
        System.out.printf(Locale.ROOT, "%s: best %.0f MiB/s, median %.0f MiB/s%s%n", what, sorted[sorted.length - 1],
                sorted[sorted.length / 2], ratio);
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
