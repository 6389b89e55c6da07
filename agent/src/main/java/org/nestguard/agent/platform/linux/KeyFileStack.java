package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;

/** Several key files read in order where a later file overrides an earlier one (the .conf.d convention). */
public final class KeyFileStack {
    private final List<KeyFile> files = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();

    public void add(KeyFile file, String source) {
        files.add(file);
        sources.add(source);
    }

    public void addFile(HostRoot root, String path) throws ProbeException {
        Optional<String> text = root.readIfExists(path);
        if (text.isPresent()) {
            add(KeyFile.parse(text.get()), path);
        }
    }

    /** Adds a file in a user's home folder, read as {@link HostRoot#readUserFileIfExists} reads one. */
    public void addUserFile(HostRoot root, String path) throws ProbeException {
        Optional<String> text = root.readUserFileIfExists(path);
        if (text.isPresent()) {
            add(KeyFile.parse(text.get()), path);
        }
    }

    /** Adds every *.conf file of the directory in name order. */
    public void addDirectory(HostRoot root, String dir) throws ProbeException {
        try {
            for (var file : sortedFiles(root.resolve(dir), ".conf")) {
                addFile(root, dir + "/" + file.getFileName());
            }
        } catch (IOException e) {
            throw new ProbeException("could not list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The value from the last file that sets it. */
    public Optional<String> get(String group, String key) {
        for (int i = files.size() - 1; i >= 0; i--) {
            Optional<String> value = files.get(i).get(group, key);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    public List<String> sources() {
        return List.copyOf(sources);
    }

    /** A directory's regular files with the suffix, in name order; empty when the directory is missing. */
    static List<java.nio.file.Path> sortedFiles(java.nio.file.Path dir, String suffix) throws IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
