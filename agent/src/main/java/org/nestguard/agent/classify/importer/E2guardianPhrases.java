package org.nestguard.agent.classify.importer;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nestguard.agent.classify.ListLibrary;
import org.nestguard.agent.classify.Phrase;
import org.nestguard.agent.classify.PhraseRule;

/**
 * Format {@code e2guardian}: e2guardian's (and DansGuardian's) weighted phrase lists, such as Debian's
 * {@code /etc/e2guardian/lists/weightedphraselist} or one file like {@code phraselists/pornography/weighted}.
 * A line is {@code <phrase><weight>} or a combination {@code <a>,<b><weight>} that counts when all parts occur;
 * weights may be negative or a percentage ({@code <10%>}); {@code #} starts a comment; {@code .Include<path>}
 * reads another file, resolved inside the lists folder (the one holding {@code phraselists/}) even when the
 * lists were copied elsewhere, never outside it, and an include loop is refused.
 *
 * <p>e2guardian marks word edges with spaces inside the brackets ({@code < porn>}: a word starting "porn"). Here
 * every phrase starts at a word edge, with or without the space, because e2guardian's mid-word matches are
 * what flags "Scunthorpe" and "Essex"; a phrase without a trailing space stays a stem ({@code <porn>} is
 * {@code porn*}). The category is the list's folder ({@link #CATEGORIES}), or {@code --category} for all of
 * them; {@code goodphrases} (negative weights that balance the others) are added to every imported category.
 */
public final class E2guardianPhrases implements ListFormat {
    /**
     * e2guardian phrase-list folder to Nestguard category. Not mapped (left out, and reported): badwords,
     * proxies, malware, warezhacking, nudism, chat, webmail, forums, personals, news, sport, music, travel,
     * translation, peer2peer, domainsforsale, idtheft, legaldrugs, conspiracy, secretsocieties, safelabel and
     * the language folders: none is a DfE category.
     */
    public static final Map<String, String> CATEGORIES = Map.of(
            "pornography", "pornography",
            "gambling", "gambling",
            "illegaldrugs", "drugs",
            "drugadvocacy", "drugs",
            "intolerance", "discrimination",
            "violence", "violence",
            "gore", "violence",
            "weapons", "violence",
            "games", "gaming");
    private static final String GOOD_PHRASES = "goodphrases";
    private static final Pattern INCLUDE = Pattern.compile("\\.Include\\s*<([^<>]+)>\\s*(#.*)?");
    private static final Pattern RULE = Pattern.compile(
            "(<[^<>]*>(?:\\s*,\\s*<[^<>]*>)*)\\s*<\\s*(-?\\d{1,6})\\s*(%?)\\s*>\\s*(#.*)?");
    private static final Pattern PART = Pattern.compile("<([^<>]*)>");

    @Override
    public String name() {
        return "e2guardian";
    }

    @Override
    public String describe() {
        return "an e2guardian weighted phrase list (weightedphraselist or one phraselists/*/weighted file)";
    }

    @Override
    public ImportResult read(Path path, String category) throws IOException, ListImportException {
        Path file = DomainList.requireFile(path, "an e2guardian weighted phrase list").toAbsolutePath().normalize();
        if (category != null && DomainList.checkCategory(category).equals(ListLibrary.ALLOW)) {
            throw new ListImportException("e2guardian lists are weighted and the allow-list takes plain phrases; "
                    + "import them under a category, or write allow phrases in a file of their own");
        }
        Reading reading = new Reading(listsRoot(file), category);
        reading.file(file);
        return reading.result(path);
    }

    /** The folder that holds {@code phraselists/}, above {@code file}; else the file's own folder. */
    static Path listsRoot(Path file) {
        for (Path folder = file.getParent(); folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("phraselists"))) {
                return folder;
            }
        }
        return file.getParent();
    }

    /** One import: the files being read (for loops), and what they gave, by category. */
    private final class Reading {
        private final Path root;
        private final String category;
        private final Deque<Path> including = new ArrayDeque<>();
        private final Set<Path> read = new HashSet<>();
        private final Map<String, Set<String>> rules = new LinkedHashMap<>();
        private final Map<String, List<String>> sources = new LinkedHashMap<>();
        private final Set<String> goodRules = new LinkedHashSet<>();
        private final List<SkippedLine> skipped = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Set<String> unmapped = new TreeSet<>();
        private int duplicates;

        Reading(Path root, String category) {
            this.root = root;
            this.category = category;
        }

        void file(Path file) throws IOException, ListImportException {
            Path real = file.toRealPath();
            if (including.contains(real)) {
                StringBuilder chain = new StringBuilder();
                including.descendingIterator().forEachRemaining(p -> chain.append(p).append(" → "));
                throw new ListImportException("include loop: " + chain + real + "; remove one of those .Include "
                        + "lines (e2guardian would never finish reading them)");
            }
            if (!read.add(real)) {
                notes.add(file + " is included more than once; read once");
                return;
            }
            including.push(real);
            String folder = file.getParent() == null ? "" : file.getParent().getFileName().toString();
            String target = folder.equals(GOOD_PHRASES) ? GOOD_PHRASES
                    : category != null ? category : CATEGORIES.get(folder);
            List<String> found = new ArrayList<>();
            List<Path> includes = new ArrayList<>();
            int[] lines = {0};
            Charset charset = SourceText.read(file, (number, line) -> {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    return;
                }
                lines[0]++;
                Matcher include = INCLUDE.matcher(text);
                if (include.matches()) {
                    Path target2 = resolveInclude(file, number, include.group(1).strip());
                    if (target2 != null) {
                        includes.add(target2);
                    }
                    return;
                }
                String rule = rule(file, number, text);
                if (rule != null) {
                    found.add(rule);
                }
            });
            DomainList.noteCharset(file, charset, notes);
            if (!found.isEmpty()) {
                if (target == null) {
                    unmapped.add(root.relativize(file) + " (" + found.size() + " phrases)");
                } else if (target.equals(GOOD_PHRASES)) {
                    goodRules.addAll(found);
                } else {
                    Set<String> into = rules.computeIfAbsent(target, c -> new LinkedHashSet<>());
                    for (String rule : found) {
                        if (!into.add(rule)) {
                            duplicates++;
                        }
                    }
                    sources.computeIfAbsent(target, c -> new ArrayList<>()).add(file + " (" + found.size()
                            + " phrases)");
                }
            } else if (includes.isEmpty() && lines[0] > 0) {
                notes.add(file + " has no usable phrases; not imported");
            }
            for (Path included : includes) {
                file(included);
            }
            including.pop();
        }

        private Path resolveInclude(Path file, int number, String target) throws IOException {
            String slashed = target.replace('\\', '/');
            Path path = Path.of(slashed);
            if (!path.isAbsolute()) {
                path = root.resolve(path);
            } else if (!path.normalize().startsWith(root)) {
                // Lists copied from /etc/e2guardian/lists elsewhere: the same path under this lists folder.
                int at = slashed.indexOf("/lists/");
                path = at >= 0 ? root.resolve(slashed.substring(at + "/lists/".length())) : path;
            }
            path = path.normalize();
            if (!path.startsWith(root) || Files.exists(path) && !path.toRealPath().startsWith(root.toRealPath())) {
                skipped.add(new SkippedLine(file, number, "includes " + target + ", outside the e2guardian lists "
                        + "folder " + root + "; refused (only lists under it are read)"));
                return null;
            }
            if (!Files.isRegularFile(path)) {
                skipped.add(new SkippedLine(file, number, "includes " + target + ", which is not a file here ("
                        + path + "); copy it there or remove the line"));
                return null;
            }
            return path;
        }

        /** The rule on a line in Nestguard's form, or null when the line is skipped (and recorded). */
        private String rule(Path file, int number, String text) {
            Matcher line = RULE.matcher(text);
            if (!line.matches()) {
                skipped.add(new SkippedLine(file, number, "expected <phrase><weight> or <phrase>,<phrase><weight>, "
                        + "such as '< porn ><40>', or .Include<path>; found '" + shorten(text) + "'"));
                return null;
            }
            List<Phrase> parts = new ArrayList<>();
            Matcher part = PART.matcher(line.group(1));
            while (part.find()) {
                String inner = part.group(1);
                String words = inner.strip();
                boolean wholeWord = inner.endsWith(" ");
                try {
                    parts.add(Phrase.parse(wholeWord ? words : words + "*"));
                } catch (IllegalArgumentException e) {
                    skipped.add(new SkippedLine(file, number, "phrase <" + inner + "> has no letters or digits, so "
                            + "it cannot be matched as words; line '" + shorten(text) + "' skipped"));
                    return null;
                }
            }
            try {
                return new PhraseRule(parts, Integer.parseInt(line.group(2)), !line.group(3).isEmpty()).format();
            } catch (IllegalArgumentException e) {
                skipped.add(new SkippedLine(file, number, e.getMessage() + "; line '" + shorten(text) + "' skipped"));
                return null;
            }
        }

        ImportResult result(Path given) throws ListImportException {
            if (!unmapped.isEmpty()) {
                notes.add("not imported, no Nestguard category: " + String.join(", ", unmapped) + ". Mapped "
                        + "folders: " + new TreeSet<>(CATEGORIES.entrySet().stream()
                        .map(e -> e.getKey() + " → " + e.getValue()).toList()) + "; import one file alone with "
                        + "--category to use another");
            }
            if (rules.isEmpty()) {
                throw new ListImportException("no usable phrases in " + given + (goodRules.isEmpty() ? ""
                        : ": goodphrases only subtract from other lists; import them with the lists they balance "
                        + "(the weightedphraselist)") + (notes.isEmpty() ? "" : "; " + String.join("; ", notes))
                        + (skipped.isEmpty() ? "" : "; first skipped line: " + skipped.get(0)));
            }
            if (!goodRules.isEmpty()) {
                notes.add(goodRules.size() + " good phrases (negative weights, from goodphrases) added to each of: "
                        + String.join(", ", rules.keySet()));
            }
            if (duplicates > 0) {
                notes.add(duplicates + " phrases listed twice in a category (same phrase and weight) counted once");
            }
            List<ImportedList> lists = new ArrayList<>();
            for (Map.Entry<String, Set<String>> entry : rules.entrySet()) {
                List<PhraseRule> parsed = new ArrayList<>();
                entry.getValue().forEach(r -> parsed.add(PhraseRule.parse(r)));
                goodRules.forEach(r -> parsed.add(PhraseRule.parse(r)));
                List<String> from = new ArrayList<>(sources.get(entry.getKey()));
                if (!goodRules.isEmpty()) {
                    from.add("goodphrases (" + goodRules.size() + " phrases)");
                }
                lists.add(new ImportedList(entry.getKey(), entry.getKey(), from, List.of(), List.of(), List.of(),
                        parsed, List.of()));
            }
            return new ImportResult(name(), given, lists, skipped, notes);
        }
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
