package org.nestguard.agent.classify.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.classify.HostName;
import org.nestguard.protocol.monitoring.Categories;

/**
 * Format {@code domains}: a plain list, one domain a line, {@code #} comments (whole line or after white space).
 * Also taken: wildcard {@code *.example.com} and squid's {@code .example.com} (a domain covers its subdomains
 * anyway) and Adblock's {@code ||example.com^}. A plain list names no category, so {@code --category} is required.
 */
public final class DomainList implements ListFormat {
    @Override
    public String name() {
        return "domains";
    }

    @Override
    public String describe() {
        return "a text file with one domain a line (needs --category)";
    }

    @Override
    public ImportResult read(Path path, String category) throws IOException, ListImportException {
        Path file = requireFile(path, "a domain list");
        String cat = requireCategory(category, "a plain domain list");
        List<String> domains = new ArrayList<>();
        List<SkippedLine> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        var charset = SourceText.read(file, (number, line) -> {
            String text = withoutComment(line);
            if (text.isEmpty()) {
                return;
            }
            Optional<String> domain = entry(text);
            if (domain.isPresent()) {
                domains.add(domain.get());
            } else {
                skipped.add(new SkippedLine(file, number, whyNotDomain(text)));
            }
        });
        noteCharset(file, charset, notes);
        List<String> unique = sortedUnique(domains);
        if (unique.isEmpty()) {
            throw new ListImportException(file + " has no usable domains" + (skipped.isEmpty() ? "" : " ("
                    + skipped.size() + " lines skipped, the first: " + skipped.get(0) + ")")
                    + "; expected one domain a line, such as example.com");
        }
        return new ImportResult(name(), path, List.of(new ImportedList(cat, cat, List.of(file.toString()), unique,
                List.of(), List.of(), List.of(), List.of())), skipped, notes);
    }

    /**
     * A domain list entry in list form: {@code *.}, a leading dot, Adblock's {@code ||...^} and a leading
     * {@code www.} removed (the parent walk covers www), then {@link HostName#normalise}; a name without a dot
     * is refused, since it could only ever match a bare top-level domain.
     */
    public static Optional<String> entry(String text) {
        String domain = text.strip();
        if (domain.startsWith("||") && domain.endsWith("^")) {
            domain = domain.substring(2, domain.length() - 1);
        }
        if (domain.startsWith("*.")) {
            domain = domain.substring(2);
        } else if (domain.startsWith(".")) {
            domain = domain.substring(1);
        }
        Optional<String> host = HostName.normalise(domain).filter(h -> h.indexOf('.') > 0);
        if (host.isPresent() && host.get().startsWith("www.") && host.get().indexOf('.', 4) > 0) {
            return Optional.of(host.get().substring(4));
        }
        return host;
    }

    /** Why {@code text} is not a domain, as a skipped line says it. */
    static String whyNotDomain(String text) {
        String shown = "'" + (text.length() <= 80 ? text : text.substring(0, 77) + "...") + "'";
        if (text.contains("://") || text.indexOf('/') > 0) {
            return shown + " is a URL; expected a domain only, such as example.com (URL prefixes are imported "
                    + "from UT1 'urls' files)";
        }
        if (text.indexOf(' ') > 0 || text.indexOf('\t') > 0) {
            return shown + " has spaces; expected one domain a line, such as example.com";
        }
        if (text.indexOf('.') < 0 && HostName.normalise(text).isPresent()) {
            return shown + " has no dot; expected a full domain such as example.com, not a single name";
        }
        return shown + " is not a domain; expected letters, digits, hyphens and dots, such as example.com";
    }

    static String withoutComment(String line) {
        String text = line.strip();
        if (text.startsWith("#")) {
            return "";
        }
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == '#' && Character.isWhitespace(text.charAt(i - 1))) {
                return text.substring(0, i).strip();
            }
        }
        return text;
    }

    static List<String> sortedUnique(List<String> values) {
        values.sort(null);
        List<String> unique = new ArrayList<>(values.size());
        String last = null;
        for (String value : values) {
            if (!value.equals(last)) {
                unique.add(value);
                last = value;
            }
        }
        return unique;
    }

    static Path requireFile(Path path, String what) throws ListImportException {
        if (Files.isDirectory(path)) {
            throw new ListImportException(path + " is a folder; expected " + what + " file");
        }
        if (!Files.isRegularFile(path)) {
            throw new ListImportException(path + " does not exist; give the path of " + what);
        }
        return path;
    }

    static String requireCategory(String category, String what) throws ListImportException {
        if (category == null) {
            throw new ListImportException(what + " does not say which category it is; pass --category, for "
                    + "example --category pornography (a standard category or one the setting's policy adds)");
        }
        return checkCategory(category);
    }

    /** A category given on the command line, checked: a name as policies write them, and not the self-test's. */
    static String checkCategory(String category) throws ListImportException {
        if (!category.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new ListImportException("--category '" + category + "' is not a category name; expected "
                    + "lower-case words joined by hyphens, such as self-harm or gaming");
        }
        if (category.equals(Categories.SELF_TEST)) {
            throw new ListImportException("--category self-test is built into the classifier and takes no lists");
        }
        return category;
    }

    static void noteCharset(Path file, java.nio.charset.Charset charset, List<String> notes) {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            notes.add(file + " is not UTF-8; read as " + charset.name() + " (a file in another encoding, such as "
                    + "KOI8-R, will not match: convert it to UTF-8 with iconv and import it again)");
        }
    }
}
