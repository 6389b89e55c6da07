import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.nestguard.agent.classify.ListLibrary;
import org.nestguard.agent.classify.ListStore;
import org.nestguard.agent.classify.VisitClassifier;
import org.nestguard.agent.classify.importer.DomainList;
import org.nestguard.agent.classify.importer.ImportResult;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Visit;

/**
 * The classifier against a 1,000,000-domain list: heap the loaded list takes, import and load time, and visits
 * classified per second on one thread, on the domain path alone and with the shipped keyword lists over title and
 * URL; with a reference measured in the same run: the same domains in a {@code HashSet<String>}, looked up for
 * the same hosts and their parents. The list is UT1's domains from ../shared/data/ut1 (when present) padded with
 * generated ones. Usage: ClassifyBench WORKDIR [DOMAINS] [VISITS] [ROUNDS]
 */
public final class ClassifyBench {
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ta", "ri", "so", "vu", "pe", "da", "jo",
        "xi", "be", "ra", "ton", "shop", "net", "play", "bet", "win", "game", "best", "top", "my", "the", "web",
        "online", "club", "zone", "hub", "world", "news", "info", "land", "city", "star", "lux", "max", "pro"};
    private static final String[] TLDS = {"com", "com", "com", "com", "com", "com", "com", "com", "com", "net",
        "net", "org", "org", "co.uk", "co.uk", "de", "fr", "ru", "info", "io", "biz", "nl", "it", "es", "pl", "xyz"};
    private static final String[] WORDS = {"the", "best", "free", "online", "news", "video", "school", "homework",
        "maths", "science", "history", "football", "recipe", "weather", "music", "games", "film", "review", "how",
        "to", "make", "a", "guide", "for", "kids", "top", "ten", "world", "cup", "live", "score", "map", "learn",
        "english", "french", "poem", "story", "animals", "space", "planets", "castle", "river", "casino", "cancer",
        "breast", "sex", "education", "drug", "awareness", "porn", "bet", "help"};

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int domainCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int visitCount = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Files.createDirectories(work);
        System.out.printf("JVM: %s %s, flags %s; classification on one thread%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), ManagementFactory.getRuntimeMXBean().getInputArguments());

        // The list: UT1's real domains, padded with generated ones.
        Random random = new Random(20261201);
        Set<String> domains = new HashSet<>(domainCount * 2);
        int fromUt1 = readUt1(Path.of("../shared/data/ut1"), domains, domainCount);
        while (domains.size() < domainCount) {
            domains.add(generated(random));
        }
        List<String> inList = new ArrayList<>(domains);
        inList.sort(null);
        Path file = work.resolve("domains.txt");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String d : inList) {
                out.write(d);
                out.write('\n');
            }
        }
        System.out.printf("list: %,d domains (%,d from UT1 in ../shared/data/ut1, %,d generated), %,d bytes as text%n",
                inList.size(), fromUt1, inList.size() - fromUt1, Files.size(file));

        // Visits: half to listed domains (bare, www. or m.), half to domains in no list.
        String[] urls = new String[visitCount];
        String[] titles = new String[visitCount];
        for (int i = 0; i < visitCount; i++) {
            String host;
            if (i % 2 == 0) {
                String d = inList.get(random.nextInt(inList.size()));
                int prefix = random.nextInt(3);
                host = (prefix == 0 ? "" : prefix == 1 ? "www." : "m.") + d;
            } else {
                String d;
                do {
                    d = generated(random) + ".example";
                } while (domains.contains(d));
                host = d;
            }
            urls[i] = "https://" + host + "/" + WORDS[random.nextInt(WORDS.length)] + "/" + random.nextInt(100000)
                    + "?ref=" + WORDS[random.nextInt(WORDS.length)];
            StringBuilder title = new StringBuilder();
            for (int w = 4 + random.nextInt(5); w > 0; w--) {
                title.append(WORDS[random.nextInt(WORDS.length)]).append(w == 1 ? "" : " ");
            }
            titles[i] = title.toString();
        }
        domains = null;
        inList = null;
        Visit[] bare = new Visit[visitCount];
        Visit[] titled = new Visit[visitCount];
        for (int i = 0; i < visitCount; i++) {
            bare[i] = new Visit(Instant.EPOCH, urls[i], "", "chrome", "Default", "pupil", AccountKind.LEARNER, "link",
                    null);
            titled[i] = new Visit(Instant.EPOCH, urls[i], titles[i], "chrome", "Default", "pupil",
                    AccountKind.LEARNER, "link", null);
        }

        // Import as 'nestguard-agent lists import domains FILE --category gambling' does.
        Path lists = work.resolve("lists");
        long start = System.nanoTime();
        ImportResult imported = new DomainList().read(file, "gambling");
        new ListStore(lists).write("bench", imported, Instant.now(), "ClassifyBench");
        long importNanos = System.nanoTime() - start;
        imported = null;
        System.out.printf("import (read, normalise, sort, write): %.0f ms%n", importNanos / 1e6);

        // Heap the loaded list retains: used heap after full collections with it loaded, less the same without it.
        ListLibrary library = ListLibrary.load(lists, ListLibrary.Defaults.NONE);
        long with = usedAfterGc();
        int entries = library.lists().get(0).entries().values().iterator().next();
        library = null;
        long listHeap = with - usedAfterGc();
        library = ListLibrary.load(lists, ListLibrary.Defaults.NONE);
        System.out.printf("heap of the loaded list: %.1f MB (%,d bytes; %.1f bytes a domain)%n", listHeap / 1048576.0,
                listHeap, listHeap / (double) entries);

        long[] loads = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            ListLibrary.load(lists, ListLibrary.Defaults.NONE);
            loads[r] = System.nanoTime() - t;
        }
        System.out.printf("load time (read and index the stored list): median %.0f ms of %d%n",
                median(loads) / 1e6, rounds);

        VisitClassifier domainOnly = library.classifierFor(null);
        double domainRate = rate("classify, domain list only, no title", domainOnly, bare, rounds);

        ListLibrary full = ListLibrary.load(lists);
        VisitClassifier withKeywords = full.classifierFor(null);
        double fullRate = rate("classify, shipped lists + 1M list, keywords on title and URL", withKeywords, titled,
                rounds);

        // Reference: the same domains in a HashSet<String>, the same host walk, its heap measured the same way.
        Set<String> set = hashSet(file);
        with = usedAfterGc();
        set = null;
        long setHeap = with - usedAfterGc();
        set = hashSet(file);
        System.out.printf("reference heap, HashSet<String> of the same domains: %.1f MB%n", setHeap / 1048576.0);
        double setRate = referenceRate(set, urls, rounds);
        System.out.printf("ratio to reference: heap %.2fx, speed (domain path) %.2fx%n",
                listHeap / (double) setHeap, domainRate / setRate);
        System.out.println("(kept alive: " + library.lists().size() + full.lists().size() + set.size() + ")");
    }

    private static Set<String> hashSet(Path file) throws IOException {
        Set<String> set = new HashSet<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.forEach(set::add);
        }
        return set;
    }

    private static int readUt1(Path ut1, Set<String> domains, int max) throws IOException {
        if (!Files.isDirectory(ut1)) {
            return 0;
        }
        try (Stream<Path> folders = Files.list(ut1)) {
            for (Path folder : folders.sorted().toList()) {
                Path file = folder.resolve("domains");
                if (Files.isRegularFile(file)) {
                    for (String line : Files.readAllLines(file)) {
                        DomainList.entry(line).ifPresent(d -> {
                            if (domains.size() < max) {
                                domains.add(d);
                            }
                        });
                    }
                }
            }
        }
        return domains.size();
    }

    private static String generated(Random random) {
        StringBuilder name = new StringBuilder();
        if (random.nextInt(100) < 15) {
            name.append(new String[] {"blog", "shop", "mail", "static", "cdn"}[random.nextInt(5)]).append('.');
        }
        for (int s = 2 + random.nextInt(3); s > 0; s--) {
            name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            if (s > 1 && random.nextInt(10) == 0) {
                name.append('-');
            }
        }
        if (random.nextInt(10) == 0) {
            name.append(random.nextInt(1000));
        }
        return name.append('.').append(TLDS[random.nextInt(TLDS.length)]).toString();
    }

    private static double rate(String what, VisitClassifier classifier, Visit[] visits, int rounds) {
        long flagged = 0;
        for (int warm = 0; warm < 3; warm++) {
            for (Visit v : visits) {
                flagged += classifier.classify(v).size();
            }
        }
        long[] times = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            for (Visit v : visits) {
                flagged += classifier.classify(v).size();
            }
            times[r] = System.nanoTime() - t;
        }
        double perSecond = visits.length / (median(times) / 1e9);
        long once = 0;
        for (Visit v : visits) {
            once += classifier.classify(v).isEmpty() ? 0 : 1;
        }
        System.out.printf("%s: median %,.0f URLs/s of %d rounds of %,d visits (%.1f%% flagged; checksum %d)%n",
                what, perSecond, rounds, visits.length, 100.0 * once / visits.length, flagged);
        return perSecond;
    }

    private static double referenceRate(Set<String> set, String[] urls, int rounds) {
        long hits = 0;
        long[] times = new long[rounds];
        for (int r = -3; r < rounds; r++) {
            long t = System.nanoTime();
            for (String url : urls) {
                hits += lookup(set, url);
            }
            if (r >= 0) {
                times[r] = System.nanoTime() - t;
            }
        }
        double perSecond = urls.length / (median(times) / 1e9);
        System.out.printf("reference, HashSet<String> lookups of host and parents: median %,.0f URLs/s (checksum %d)%n",
                perSecond, hits);
        return perSecond;
    }

    /**
     * The same host walk as the classifier: the host (not its www. form: lists hold none), then each parent but
     * the bare top-level domain.
     */
    private static int lookup(Set<String> set, String url) {
        int start = url.indexOf("://") + 3;
        int end = start;
        while (end < url.length() && "/?#:".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String host = url.substring(start, end).toLowerCase(Locale.ROOT);
        int hits = host.startsWith("www.") || !set.contains(host) ? 0 : 1;
        for (int dot = host.indexOf('.'); dot >= 0 && host.indexOf('.', dot + 1) >= 0; dot = host.indexOf('.', dot + 1)) {
            hits += set.contains(host.substring(dot + 1)) ? 1 : 0;
        }
        return hits;
    }

    /** Live heap right after full collections: the heap pools' usage as the last collection left it. */
    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
