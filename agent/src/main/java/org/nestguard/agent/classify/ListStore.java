package org.nestguard.agent.classify;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.nestguard.agent.classify.importer.ImportResult;
import org.nestguard.agent.classify.importer.ImportedList;
import org.nestguard.agent.classify.importer.SkippedLine;

/**
 * The agent home's {@code lists/} folder, where {@code nestguard-agent lists import} stores what it imported
 * and {@link ListLibrary#load(Path)} reads it: {@code <name>/<list>/<kind>} files in sorted text, each with a
 * header saying where it came from, its category and its number of entries, plus {@code import-report.txt} with
 * every skipped line. An import replaces the earlier import of the same name whole: it is written beside it and
 * swapped in by renames, so a crash leaves the old lists or the new ones, never a mix.
 */
public final class ListStore {
    /** The file written last by every change; its time tells a running agent the lists changed. */
    public static final String CHANGED = ".changed";
    static final String REPORT = "import-report.txt";

    private final Path folder;

    public ListStore(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    public Path folder() {
        return folder;
    }

    /** The folder an import called {@code name} is stored in. */
    public Path folderOf(String name) {
        requireName(name);
        return folder.resolve(name);
    }

    /**
     * Stores {@code result} as the import called {@code name}.
     *
     * @param command what was run, for the files' headers
     * @return whether an earlier import of that name was replaced
     */
    public boolean write(String name, ImportResult result, Instant when, String command) throws IOException {
        Path target = folderOf(name);
        Files.createDirectories(folder);
        Path fresh = folder.resolve("." + name + ".new-" + System.nanoTime());
        Files.createDirectories(fresh);
        for (ImportedList list : result.lists()) {
            Path listFolder = fresh.resolve(list.name());
            Files.createDirectories(listFolder);
            String title = "# Nestguard list " + name + "/" + list.name() + ", imported " + when + " by '" + command
                    + "'\n";
            StringBuilder from = new StringBuilder();
            list.sources().forEach(s -> from.append("# from: ").append(s).append('\n'));
            for (ListKind kind : ListKind.values()) {
                if (list.count(kind) == 0) {
                    continue;
                }
                try (Writer out = writer(listFolder.resolve(kind.fileName()))) {
                    out.write(title);
                    out.write(from.toString());
                    out.write(ListFileReader.CATEGORY_HEADER + " " + list.category() + "\n");
                    out.write("# entries: " + list.count(kind) + "\n");
                    for (String line : lines(list, kind)) {
                        out.write(line);
                        out.write('\n');
                    }
                }
            }
        }
        try (Writer out = writer(fresh.resolve(REPORT))) {
            out.write("Import '" + name + "' " + when + ": " + command + "\n");
            for (String note : result.notes()) {
                out.write("note: " + note + "\n");
            }
            for (SkippedLine line : result.skipped()) {
                out.write("skipped " + line + "\n");
            }
        }
        boolean replaced = Files.exists(target);
        Path old = folder.resolve("." + name + ".old-" + System.nanoTime());
        if (replaced) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        if (replaced) {
            deleteTree(old);
        }
        markChanged(when);
        return replaced;
    }

    /** Removes the import called {@code name}; false when there is none. */
    public boolean remove(String name, Instant when) throws IOException {
        Path target = folderOf(name);
        if (!Files.isDirectory(target)) {
            return false;
        }
        Path old = folder.resolve("." + name + ".old-" + System.nanoTime());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
        markChanged(when);
        return true;
    }

    /** The names of the stored imports, sorted. */
    public List<String> names() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /** When the lists last changed, or {@link Instant#EPOCH} when never. */
    public Instant lastChanged() throws IOException {
        Path stamp = folder.resolve(CHANGED);
        return Files.isRegularFile(stamp) ? Files.getLastModifiedTime(stamp).toInstant() : Instant.EPOCH;
    }

    private static List<String> lines(ImportedList list, ListKind kind) {
        return switch (kind) {
            case DOMAINS -> list.domains();
            case URLS -> list.urls();
            case EXPRESSIONS -> list.expressions();
            case PHRASES -> {
                List<String> lines = new ArrayList<>(list.rules().size() + list.allowPhrases().size());
                list.rules().forEach(r -> lines.add(r.format()));
                list.allowPhrases().forEach(p -> lines.add(p.toString()));
                yield lines;
            }
        };
    }

    private void markChanged(Instant when) throws IOException {
        try (Writer out = writer(folder.resolve(CHANGED))) {
            out.write(when + "\n");
        }
    }

    /** A writer whose close flushes to disk, so a list counts as stored only once it is. */
    private static Writer writer(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new BufferedWriter(new OutputStreamWriter(java.nio.channels.Channels.newOutputStream(channel),
                StandardCharsets.UTF_8), 1 << 16) {
            @Override
            public void close() throws IOException {
                flush();
                channel.force(true);
                super.close();
            }
        };
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void requireName(String name) {
        if (!ListName.isValid(name) || name.equals(ListName.DEFAULT)) {
            throw new IllegalArgumentException("'" + name + "' cannot name an import; expected 1 to 40 lower-case "
                    + "letters, digits, '.', '_' or '-' (and not 'default', the shipped lists)");
        }
    }
}
