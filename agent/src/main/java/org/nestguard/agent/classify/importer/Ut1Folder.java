package org.nestguard.agent.classify.importer;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.nestguard.agent.classify.ListLibrary;
import org.nestguard.agent.classify.ListName;
import org.nestguard.agent.classify.UrlExpression;
import org.nestguard.agent.classify.UrlPrefix;

/**
 * Format {@code ut1}: the UT1 lists of Université Toulouse Capitole (CC BY-SA 4.0), as unpacked from
 * {@code blacklists.tar.gz} or cloned from its mirror: one category folder holding {@code domains}, {@code urls}
 * and {@code expressions}, or the tree of such folders. UT1's categories are French names for filtering, not the
 * DfE's; {@link #CATEGORIES} maps those that fit, and the rest are left out unless {@code --category} names one
 * for a single folder.
 */
public final class Ut1Folder implements ListFormat {
    /**
     * UT1 category to Nestguard category, from UT1's own descriptions ({@code global_usage}):
     * <ul>
     *   <li>adult ("from erotic to hard pornography") and mixed_adult ("sites which contain adult sections")
     *       → pornography;</li>
     *   <li>gambling and arjel (France's licensed gambling sites) → gambling;</li>
     *   <li>drogue ("sites relative to drugs") → drugs;</li>
     *   <li>agressif, in French "sites racistes, antisémites, incitant à la haine" (racist, antisemitic, inciting
     *       hatred) → discrimination, the category for hatred of protected characteristics;</li>
     *   <li>dangerous_material ("how to make bombs and some dangerous material") → violence;</li>
     *   <li>games ("flash and online games") → gaming, a category a setting adds;</li>
     *   <li>sexual_education (UT1's white list of sex-education sites "misdetected as porn") → the allow-list.</li>
     * </ul>
     * Not mapped: lingerie (shops), dating, chat, social_networks, hacking, vpn, doh, redirector and the like,
     * sect and the rest: none is a DfE category; a setting that monitors one imports it with {@code --category}.
     */
    public static final Map<String, String> CATEGORIES = mapping();

    private static Map<String, String> mapping() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("adult", "pornography");
        map.put("mixed_adult", "pornography");
        map.put("gambling", "gambling");
        map.put("arjel", "gambling");
        map.put("drogue", "drugs");
        map.put("agressif", "discrimination");
        map.put("dangerous_material", "violence");
        map.put("games", "gaming");
        map.put("sexual_education", ListLibrary.ALLOW);
        return Map.copyOf(map);
    }

    private static final List<String> LIST_FILES = List.of("domains", "urls", "expressions");

    @Override
    public String name() {
        return "ut1";
    }

    @Override
    public String describe() {
        return "a UT1 category folder (domains, urls, expressions) or the folder of all of them";
    }

    @Override
    public ImportResult read(Path path, String category) throws IOException, ListImportException {
        if (Files.isRegularFile(path)) {
            throw new ListImportException(path + " is a file; UT1 lists are folders: unpack the archive first "
                    + "(tar xzf blacklists.tar.gz) and give the folder of one category or of all of them");
        }
        if (!Files.isDirectory(path)) {
            throw new ListImportException(path + " does not exist; give a UT1 category folder or the folder of "
                    + "all of them");
        }
        List<SkippedLine> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<ImportedList> lists = new ArrayList<>();
        if (isCategoryFolder(path)) {
            String ut1 = path.getFileName().toString();
            String target = category != null ? DomainList.checkCategory(category) : CATEGORIES.get(ut1);
            if (target == null) {
                throw new ListImportException("UT1 category '" + ut1 + "' has no Nestguard category; pass "
                        + "--category to import it as one the setting monitors. Known: " + knownMappings());
            }
            readFolder(path, target, skipped, notes).ifPresent(lists::add);
        } else {
            if (category != null) {
                throw new ListImportException("--category applies to one UT1 category folder, and " + path + " is "
                        + "the folder of several; give one of them, such as " + path.resolve("games"));
            }
            List<Path> folders = categoryFolders(path);
            if (folders.isEmpty()) {
                throw new ListImportException(path + " is neither a UT1 category folder (with domains, urls or "
                        + "expressions files) nor a folder of them");
            }
            List<String> unmapped = new ArrayList<>();
            for (Path folder : folders) {
                String ut1 = folder.getFileName().toString();
                String target = CATEGORIES.get(ut1);
                if (target == null) {
                    unmapped.add(ut1);
                } else {
                    readFolder(folder, target, skipped, notes).ifPresent(lists::add);
                }
            }
            if (!unmapped.isEmpty()) {
                notes.add("not imported, no Nestguard category: " + String.join(", ", unmapped) + ". To use one, "
                        + "import its folder alone with --category (mapped: " + knownMappings() + ")");
            }
        }
        if (lists.isEmpty()) {
            throw new ListImportException("nothing usable in " + path + (notes.isEmpty() ? "" : ": "
                    + String.join("; ", notes)));
        }
        return new ImportResult(name(), path, lists, skipped, notes);
    }

    private Optional<ImportedList> readFolder(Path folder, String category, List<SkippedLine> skipped,
                                              List<String> notes) throws IOException {
        String ut1 = folder.getFileName().toString();
        if (!ListName.isValid(ut1)) {
            notes.add(folder + ": '" + ut1 + "' cannot name a list (lower-case letters, digits, '.', '_', '-'); "
                    + "not imported");
            return Optional.empty();
        }
        List<String> domains = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (String name : LIST_FILES) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            int before = domains.size() + urls.size() + expressions.size();
            Charset charset = SourceText.read(file, (number, line) -> {
                String text = DomainList.withoutComment(line);
                if (text.isEmpty()) {
                    return;
                }
                switch (name) {
                    case "domains" -> DomainList.entry(text).ifPresentOrElse(domains::add,
                            () -> skipped.add(new SkippedLine(file, number, DomainList.whyNotDomain(text))));
                    case "urls" -> UrlPrefix.normalise(text).ifPresentOrElse(urls::add,
                            () -> skipped.add(new SkippedLine(file, number, "'" + shorten(text) + "' is not a URL "
                                    + "prefix; expected host and path without scheme, such as example.com/casino")));
                    default -> {
                        try {
                            UrlExpression.compile(text);
                            expressions.add(text);
                        } catch (IllegalArgumentException e) {
                            skipped.add(new SkippedLine(file, number, "expression '" + shorten(text) + "' "
                                    + e.getMessage()));
                        }
                    }
                }
            });
            DomainList.noteCharset(file, charset, notes);
            if (domains.size() + urls.size() + expressions.size() == before) {
                notes.add(file + " has no usable entries; not imported");
            } else {
                sources.add(file.toString());
            }
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> !LIST_FILES.contains(f) && !f.equals("usage") && !f.startsWith("."))
                    .sorted()
                    .forEach(f -> notes.add(folder.resolve(f) + " is not a UT1 list file (domains, urls, "
                            + "expressions); ignored"));
        }
        if (domains.isEmpty() && urls.isEmpty() && expressions.isEmpty()) {
            return Optional.empty();
        }
        if (category.equals(ListLibrary.ALLOW) && (!urls.isEmpty() || !expressions.isEmpty())) {
            notes.add(folder + ": the allow-list takes domains only here; its " + urls.size() + " URL prefixes and "
                    + expressions.size() + " expressions are not imported");
            urls.clear();
            expressions.clear();
            if (domains.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ImportedList(ut1, category, sources, DomainList.sortedUnique(domains),
                DomainList.sortedUnique(urls), expressions, List.of(), List.of()));
    }

    private static boolean isCategoryFolder(Path folder) {
        return LIST_FILES.stream().anyMatch(name -> Files.isRegularFile(folder.resolve(name)));
    }

    private static List<Path> categoryFolders(Path tree) throws IOException {
        try (Stream<Path> children = Files.list(tree)) {
            return children.filter(Files::isDirectory).filter(Ut1Folder::isCategoryFolder).sorted().toList();
        }
    }

    private static String knownMappings() {
        StringBuilder text = new StringBuilder();
        CATEGORIES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                text.append(text.length() == 0 ? "" : ", ").append(e.getKey()).append(" → ").append(e.getValue()));
        return text.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
