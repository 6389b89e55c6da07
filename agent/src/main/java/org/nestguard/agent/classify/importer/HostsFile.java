package org.nestguard.agent.classify.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Format {@code hosts}: a hosts file used as a block list, such as StevenBlack's: {@code 0.0.0.0 example.com}
 * (or {@code 127.0.0.1}, {@code ::}, {@code ::1}), several hosts a line allowed, {@code #} comments. The usual
 * local entries (localhost, broadcasthost, ip6-...) are ignored and counted; a line that maps a host to a real
 * address redirects rather than blocks, and is skipped. A hosts file names no category: {@code --category}.
 */
public final class HostsFile implements ListFormat {
    private static final Set<String> BLOCK_ADDRESSES = Set.of("0.0.0.0", "127.0.0.1", "::", "::1", "0");
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "localhost.localdomain", "local",
            "broadcasthost", "ip6-localhost", "ip6-loopback", "ip6-localnet", "ip6-mcastprefix", "ip6-allnodes",
            "ip6-allrouters", "ip6-allhosts", "0.0.0.0");

    @Override
    public String name() {
        return "hosts";
    }

    @Override
    public String describe() {
        return "a hosts file of 0.0.0.0 or 127.0.0.1 entries (needs --category)";
    }

    @Override
    public ImportResult read(Path path, String category) throws IOException, ListImportException {
        Path file = DomainList.requireFile(path, "a hosts file");
        String cat = DomainList.requireCategory(category, "a hosts file");
        List<String> domains = new ArrayList<>();
        List<SkippedLine> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int[] local = {0};
        var charset = SourceText.read(file, (number, line) -> {
            String text = DomainList.withoutComment(line);
            if (text.isEmpty()) {
                return;
            }
            String[] fields = text.split("\\s+");
            if (fields.length < 2) {
                skipped.add(new SkippedLine(file, number, "'" + shorten(text) + "' has no host; expected an "
                        + "address and host names, such as '0.0.0.0 example.com'"));
                return;
            }
            boolean allLocal = true;
            for (int i = 1; i < fields.length; i++) {
                allLocal &= LOCAL_NAMES.contains(fields[i].toLowerCase(java.util.Locale.ROOT));
            }
            if (allLocal) {
                local[0] += fields.length - 1;
                return;
            }
            if (!BLOCK_ADDRESSES.contains(fields[0])) {
                skipped.add(new SkippedLine(file, number, "maps " + shorten(fields[1]) + " to " + shorten(fields[0])
                        + ", which sends it to a server rather than blocking it; expected 0.0.0.0 or 127.0.0.1"));
                return;
            }
            for (int i = 1; i < fields.length; i++) {
                String host = fields[i].toLowerCase(java.util.Locale.ROOT);
                if (LOCAL_NAMES.contains(host)) {
                    local[0]++;
                    continue;
                }
                Optional<String> domain = DomainList.entry(host);
                if (domain.isPresent()) {
                    domains.add(domain.get());
                } else {
                    skipped.add(new SkippedLine(file, number, DomainList.whyNotDomain(fields[i])));
                }
            }
        });
        DomainList.noteCharset(file, charset, notes);
        if (local[0] > 0) {
            notes.add(local[0] + " local entries (localhost, broadcasthost, ip6-...) ignored");
        }
        List<String> unique = DomainList.sortedUnique(domains);
        if (unique.isEmpty()) {
            throw new ListImportException(file + " has no usable hosts" + (skipped.isEmpty() ? "" : " ("
                    + skipped.size() + " lines skipped, the first: " + skipped.get(0) + ")")
                    + "; expected lines such as '0.0.0.0 example.com'");
        }
        return new ImportResult(name(), path, List.of(new ImportedList(cat, cat, List.of(file.toString()), unique,
                List.of(), List.of(), List.of(), List.of())), skipped, notes);
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
