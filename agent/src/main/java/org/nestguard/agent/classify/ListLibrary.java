package org.nestguard.agent.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nestguard.protocol.monitoring.Categories;
import org.nestguard.protocol.policy.HistoryRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every list the classifier can use: the defaults shipped with the agent ({@code policies/lists/}, on the class
 * path as {@value #RESOURCES}) and the lists imported into the agent's home ({@code nestguard-agent lists
 * import}), compiled once into compact indexes. {@link #classifierFor(HistoryRule)} then builds the classifier
 * for a setting's policy without reading anything again, so a policy change is cheap.
 *
 * <p>Layout, the same in both places: {@code <origin>/<list>/<kind>} for imports (such as
 * {@code ut1/adult/domains}, with a {@code # category: pornography} header) and {@code <category>/<kind>} for
 * the defaults; the category {@value #ALLOW} is the allow-list. A bad line in an imported list is skipped and
 * reported in {@link #problems()} (the agent keeps monitoring with the rest); a bad line in a shipped list is a
 * build error.
 */
public final class ListLibrary {
    /** The allow-list's category: its domains and phrases are never flagged. */
    public static final String ALLOW = "allow";
    /** Where the shipped lists are on the class path; {@code index} there names every file. */
    public static final String RESOURCES = "/nestguard/policies/lists/";
    private static final String BUNDLED = "bundled with the agent";
    private static final int MAX_PROBLEMS_PER_FILE = 20;
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Logger LOG = LoggerFactory.getLogger(ListLibrary.class);

    /** Whether {@link #load(Path, Defaults)} includes the lists shipped with the agent. */
    public enum Defaults {
        BUNDLED,
        /** Only the folder's lists: for benchmarks that measure one list alone. */
        NONE
    }

    private final List<LoadedList> lists;
    private final ListIndex domains;
    private final ListIndex urls;
    private final ListIndex urlHosts;
    private final List<ListedExpression> expressions;
    private final KeywordLibrary keywords;
    private final List<String> problems;

    /** An expression and the list it came from. */
    record ListedExpression(int list, UrlExpression expression) {
    }

    private ListLibrary(Loader loader) {
        this.lists = List.copyOf(loader.lists);
        this.domains = ListIndex.of(loader.domainEntries, loader.domainCount);
        this.urls = ListIndex.of(loader.urlEntries, loader.urlCount);
        this.urlHosts = ListIndex.of(loader.urlHostEntries, loader.urlCount);
        this.expressions = List.copyOf(loader.expressions);
        this.keywords = KeywordLibrary.of(loader.rules, loader.allowPhrases);
        this.problems = List.copyOf(loader.problems);
    }

    /** The shipped lists alone. */
    public static ListLibrary bundled() {
        try {
            return load(null, Defaults.BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException("the lists bundled with the agent cannot be read", e);
        }
    }

    /** The shipped lists and those in {@code folder} (the agent home's {@code lists/}; absent means none). */
    public static ListLibrary load(Path folder) throws IOException {
        return load(folder, Defaults.BUNDLED);
    }

    /**
     * The lists in {@code folder}, with or without the shipped ones.
     *
     * @throws IOException when the folder exists but cannot be listed or a list in it cannot be read
     */
    public static ListLibrary load(Path folder, Defaults defaults) throws IOException {
        Loader loader = new Loader();
        if (defaults == Defaults.BUNDLED) {
            loader.loadBundled();
            if (!loader.problems.isEmpty()) {
                throw new IllegalStateException("the lists bundled with the agent have errors (fix them in "
                        + "policies/lists/): " + String.join("; ", loader.problems));
            }
        }
        if (folder != null && Files.isDirectory(folder)) {
            loader.loadFolder(folder);
        }
        ListLibrary library = new ListLibrary(loader);
        for (String problem : library.problems) {
            LOG.warn("list problem, line skipped: {}", problem);
        }
        return library;
    }

    /** What was loaded, in the order lists are numbered. */
    public List<LoadedList> lists() {
        return lists;
    }

    /** Lines skipped in imported lists and lists skipped whole, each with where and why. */
    public List<String> problems() {
        return problems;
    }

    /**
     * The classifier for a setting: the lists of every category its policy monitors ({@code rule} may be null:
     * the standard categories only), the allow-list, and the built-in self-test canary. A list whose category
     * the setting does not monitor is left out, and logged once here.
     */
    public VisitClassifier classifierFor(HistoryRule rule) {
        MonitoredCategories monitored = MonitoredCategories.of(rule);
        int[] listCategory = new int[lists.size()];
        boolean[] allow = new boolean[lists.size()];
        for (int i = 0; i < lists.size(); i++) {
            LoadedList list = lists.get(i);
            allow[i] = list.category().equals(ALLOW);
            listCategory[i] = allow[i] ? -1 : monitored.indexOf(list.category());
            if (!allow[i] && listCategory[i] < 0) {
                LOG.info("list {} ({}) is not used: the setting's policy does not monitor category '{}'; add it "
                        + "to monitoring.history.categories to use it", list.name(), list.from(), list.category());
            }
        }
        return new ListClassifier(this, monitored, listCategory, allow, KeywordLibrary.DEFAULT_THRESHOLD);
    }

    ListIndex domains() {
        return domains;
    }

    ListIndex urls() {
        return urls;
    }

    /** The host of every URL entry, hashed as domains are, as list 0: which visits need URL-prefix candidates. */
    ListIndex urlHosts() {
        return urlHosts;
    }

    List<ListedExpression> expressions() {
        return expressions;
    }

    KeywordLibrary keywords() {
        return keywords;
    }

    /** Reads lists into growing arrays; one use. */
    private static final class Loader {
        final List<LoadedList> lists = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<ListedExpression> expressions = new ArrayList<>();
        final List<KeywordLibrary.ListedRule> rules = new ArrayList<>();
        final List<Phrase> allowPhrases = new ArrayList<>();
        long[] domainEntries = new long[1024];
        int domainCount;
        long[] urlEntries = new long[256];
        long[] urlHostEntries = new long[256];
        int urlCount;

        void loadBundled() throws IOException {
            String index = RESOURCES + "index";
            List<String> files;
            try (InputStream in = ListLibrary.class.getResourceAsStream(index)) {
                if (in == null) {
                    throw new IllegalStateException(index + " is missing from the agent's class path; rebuild the "
                            + "agent with the policies module");
                }
                files = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            }
            Map<String, Map<ListKind, Source>> byCategory = new java.util.LinkedHashMap<>();
            for (String file : files) {
                String[] parts = file.split("/");
                Optional<ListKind> kind = parts.length == 2 ? ListKind.ofFileName(parts[1]) : Optional.empty();
                if (kind.isEmpty()) {
                    problems.add(index + ": '" + file + "' is not <category>/<domains|urls|expressions|phrases>");
                    continue;
                }
                byCategory.computeIfAbsent(parts[0], c -> new EnumMap<>(ListKind.class))
                        .put(kind.get(), Source.resource(RESOURCES + file));
            }
            for (Map.Entry<String, Map<ListKind, Source>> list : byCategory.entrySet()) {
                loadList(new ListName(ListName.DEFAULT, list.getKey()), list.getKey(), list.getValue(), BUNDLED);
            }
        }

        void loadFolder(Path folder) throws IOException {
            for (Path origin : sortedChildren(folder)) {
                String originName = origin.getFileName().toString();
                if (originName.startsWith(".") || !Files.isDirectory(origin)) {
                    continue;
                }
                if (!ListName.isValid(originName) || originName.equals(ListName.DEFAULT)) {
                    problems.add(origin + ": not a list folder name (or the reserved 'default'); skipped");
                    continue;
                }
                for (Path list : sortedChildren(origin)) {
                    String listName = list.getFileName().toString();
                    if (!Files.isDirectory(list) || listName.startsWith(".")) {
                        continue;
                    }
                    if (!ListName.isValid(listName)) {
                        problems.add(list + ": not a list folder name; skipped");
                        continue;
                    }
                    Map<ListKind, Source> files = new EnumMap<>(ListKind.class);
                    for (ListKind kind : ListKind.values()) {
                        Path file = list.resolve(kind.fileName());
                        if (Files.isRegularFile(file)) {
                            files.put(kind, Source.file(file));
                        }
                    }
                    if (!files.isEmpty()) {
                        loadList(new ListName(originName, listName), null, files, list.toString());
                    }
                }
            }
        }

        /** Reads one list's files; {@code category} is known for the shipped lists, else read from the header. */
        void loadList(ListName name, String category, Map<ListKind, Source> files, String from) throws IOException {
            if (lists.size() == ListIndex.MAX_LISTS) {
                problems.add(from + ": more than " + ListIndex.MAX_LISTS + " lists; this one and later ones are "
                        + "skipped: remove imports you do not use (nestguard-agent lists remove NAME)");
                return;
            }
            int number = lists.size();
            int domainMark = domainCount;
            int urlMark = urlCount;
            int expressionMark = expressions.size();
            int ruleMark = rules.size();
            int allowMark = allowPhrases.size();
            FileState state = new FileState(name, category);
            Map<ListKind, Integer> counts = new EnumMap<>(ListKind.class);
            try {
                for (Map.Entry<ListKind, Source> file : files.entrySet()) {
                    state.startFile(file.getValue().name());
                    try (InputStream in = file.getValue().open()) {
                        ListFileReader.read(in, new KindReader(file.getKey(), number, state));
                    }
                    state.endFile();
                    counts.put(file.getKey(), state.entries);
                }
            } catch (SkipList e) {
                domainCount = domainMark;
                urlCount = urlMark;
                expressions.subList(expressionMark, expressions.size()).clear();
                rules.subList(ruleMark, rules.size()).clear();
                allowPhrases.subList(allowMark, allowPhrases.size()).clear();
                problems.add(e.getMessage());
                return;
            }
            lists.add(new LoadedList(name, state.category, counts, from));
        }

        private static List<Path> sortedChildren(Path folder) throws IOException {
            try (Stream<Path> children = Files.list(folder)) {
                return children.sorted().toList();
            }
        }

        /** Which category the list counts toward, and the problems of the file being read. */
        private final class FileState {
            final ListName name;
            String category;
            String file;
            int entries;
            int fileProblems;

            FileState(ListName name, String category) {
                this.name = name;
                this.category = category;
            }

            void startFile(String fileName) {
                file = fileName;
                entries = 0;
                fileProblems = 0;
            }

            void endFile() {
                if (fileProblems > MAX_PROBLEMS_PER_FILE) {
                    problems.add(file + ": " + (fileProblems - MAX_PROBLEMS_PER_FILE) + " more lines skipped");
                }
                if (category == null) {
                    category = name.list();
                    checkCategory(0);
                }
            }

            void header(int line, String value) {
                if (category != null && !category.equals(value)) {
                    throw new SkipList(file + ":" + line + ": says category '" + value + "' but the list's other "
                            + "files say '" + category + "'; list " + name + " skipped: import it again");
                }
                category = value;
                checkCategory(line);
            }

            void checkCategory(int line) {
                if (!CATEGORY.matcher(category).matches()) {
                    throw new SkipList(file + ":" + line + ": '" + category + "' is not a category name (lower-case "
                            + "words joined by hyphens); list " + name + " skipped");
                }
                if (category.equals(Categories.SELF_TEST)) {
                    throw new SkipList(file + ":" + line + ": the self-test category is built into the classifier "
                            + "and cannot have lists; list " + name + " skipped");
                }
            }

            void problem(int line, String message) {
                if (++fileProblems <= MAX_PROBLEMS_PER_FILE) {
                    problems.add(file + ":" + line + ": " + message);
                }
            }
        }

        /** Reads the entries of one kind of file into the loader. */
        private final class KindReader implements ListFileReader.Lines {
            private final ListKind kind;
            private final int list;
            private final FileState state;
            private boolean sawEntry;

            KindReader(ListKind kind, int list, FileState state) {
                this.kind = kind;
                this.list = list;
                this.state = state;
            }

            @Override
            public void comment(int number, String text) {
                if (text.startsWith(ListFileReader.CATEGORY_HEADER) && !sawEntry) {
                    state.header(number, text.substring(ListFileReader.CATEGORY_HEADER.length()).strip());
                }
            }

            @Override
            public void entry(int number, byte[] bytes, int from, int to) {
                if (!sawEntry) {
                    sawEntry = true;
                    if (state.category == null) {
                        state.category = state.name.list();
                        state.checkCategory(number);
                    }
                    if (state.category.equals(ALLOW) && (kind == ListKind.URLS || kind == ListKind.EXPRESSIONS)) {
                        throw new SkipList(state.file + ": the allow-list takes domains and phrases, not "
                                + kind.fileName() + "; list " + state.name + " skipped");
                    }
                }
                switch (kind) {
                    case DOMAINS -> domain(number, bytes, from, to);
                    case URLS -> url(number, ListFileReader.text(bytes, from, to));
                    case EXPRESSIONS -> expression(number, ListFileReader.text(bytes, from, to));
                    case PHRASES -> phrase(number, ListFileReader.text(bytes, from, to));
                    default -> throw new IllegalStateException(kind.toString());
                }
            }

            private void domain(int number, byte[] bytes, int from, int to) {
                long hash;
                if (isListForm(bytes, from, to)) {
                    // www. is dropped, as imports drop it: the classifier never looks a www. form up.
                    int start = isWww(bytes, from, to) ? from + 4 : from;
                    hash = EntryHash.reverse(bytes, start, to);
                } else {
                    String text = ListFileReader.text(bytes, from, to);
                    Optional<String> host = HostName.normalise(text.startsWith("*.") ? text.substring(2) : text);
                    if (host.isEmpty()) {
                        state.problem(number, "'" + PhraseRule.shorten(text) + "' is not a domain; expected one "
                                + "domain a line, such as example.com");
                        return;
                    }
                    String name = host.get();
                    hash = EntryHash.reverse(name.startsWith("www.") && name.indexOf('.', 4) > 0
                            ? name.substring(4) : name);
                }
                if (domainCount == domainEntries.length) {
                    domainEntries = Arrays.copyOf(domainEntries, domainCount * 2);
                }
                domainEntries[domainCount++] = ListIndex.entry(hash, list);
                state.entries++;
            }

            private void url(int number, String text) {
                Optional<String> prefix = UrlPrefix.normalise(text);
                if (prefix.isEmpty()) {
                    state.problem(number, "'" + PhraseRule.shorten(text) + "' is not a URL prefix; expected host "
                            + "and path without scheme, such as example.com/casino");
                    return;
                }
                if (urlCount == urlEntries.length) {
                    urlEntries = Arrays.copyOf(urlEntries, urlCount * 2);
                    urlHostEntries = Arrays.copyOf(urlHostEntries, urlCount * 2);
                }
                String entry = prefix.get();
                int slash = entry.indexOf('/');
                urlHostEntries[urlCount] = ListIndex.entry(EntryHash.reverse(slash < 0 ? entry
                        : entry.substring(0, slash)), 0);
                urlEntries[urlCount++] = ListIndex.entry(EntryHash.forward(entry), list);
                state.entries++;
            }

            private void expression(int number, String text) {
                try {
                    expressions.add(new ListedExpression(list, UrlExpression.compile(text)));
                    state.entries++;
                } catch (IllegalArgumentException e) {
                    state.problem(number, "expression '" + PhraseRule.shorten(text) + "' " + e.getMessage());
                }
            }

            private void phrase(int number, String text) {
                try {
                    if (state.category.equals(ALLOW)) {
                        allowPhrases.add(Phrase.parse(text));
                    } else {
                        rules.add(new KeywordLibrary.ListedRule(list, PhraseRule.parse(text)));
                    }
                    state.entries++;
                } catch (IllegalArgumentException e) {
                    state.problem(number, e.getMessage());
                }
            }
        }

        private static boolean isWww(byte[] bytes, int from, int to) {
            if (to - from < 6 || bytes[from] != 'w' || bytes[from + 1] != 'w' || bytes[from + 2] != 'w'
                    || bytes[from + 3] != '.') {
                return false;
            }
            for (int i = from + 4; i < to; i++) {
                if (bytes[i] == '.') {
                    return true;
                }
            }
            return false;
        }

        /** Lower-case ASCII letters, digits, '.', '-' and '_' only: already in list form, hashed from the bytes. */
        private static boolean isListForm(byte[] bytes, int from, int to) {
            if (bytes[from] == '.' || bytes[to - 1] == '.' || to - from > 253) {
                return false;
            }
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (!((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_'
                        || (b == '.' && bytes[i - 1] != '.'))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A list file on disk or on the class path. */
    private record Source(String name, Path path, String resource) {
        static Source file(Path path) {
            return new Source(path.toString(), path, null);
        }

        static Source resource(String resource) {
            return new Source(resource, null, resource);
        }

        InputStream open() throws IOException {
            if (path != null) {
                return Files.newInputStream(path);
            }
            InputStream in = ListLibrary.class.getResourceAsStream(resource);
            if (in == null) {
                throw new IOException(resource + " is named in the lists index but missing from the class path");
            }
            return in;
        }
    }

    /** A list that cannot be used at all; its message says why. */
    private static final class SkipList extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SkipList(String message) {
            super(message, null, false, false);
        }
    }
}
