package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;

/**
 * The whole sudo policy as sudo reads it: /etc/sudoers and every file it includes ({@code @include},
 * {@code @includedir} and their older {@code #} spellings), skipping folder entries whose names contain "." or end in
 * "~" as sudo does. Files that could not be read are kept, so that "no rule found" is never taken for "not an admin"
 * when part of the policy is missing.
 *
 * @param files      the files read, in the order sudo reads them, for the evidence
 * @param parsed     each file read, by path
 * @param unreadable what could not be read and why
 */
public record SudoersPolicy(List<String> files, Map<String, Sudoers> parsed, List<String> unreadable) {
    static final String MAIN = "/etc/sudoers";
    /** sudo's own nesting limit. */
    private static final int MAX_DEPTH = 128;

    public SudoersPolicy {
        files = List.copyOf(files);
        parsed = Map.copyOf(parsed);
        unreadable = List.copyOf(unreadable);
    }

    /** Reads the policy; without /etc/sudoers (sudo not installed) the policy is empty. */
    public static SudoersPolicy read(HostRoot root) {
        List<String> files = new ArrayList<>();
        Map<String, Sudoers> parsed = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        if (root.exists(MAIN)) {
            readFile(root, MAIN, 0, files, parsed, unreadable);
        }
        return new SudoersPolicy(files, parsed, unreadable);
    }

    private static void readFile(HostRoot root, String path, int depth, List<String> files, Map<String, Sudoers> parsed,
                                 List<String> unreadable) {
        if (depth > MAX_DEPTH || parsed.containsKey(path)) {
            return;
        }
        Sudoers sudoers;
        try {
            sudoers = Sudoers.parse(root.read(path));
        } catch (ProbeException e) {
            unreadable.add(e.getMessage());
            return;
        }
        files.add(path);
        parsed.put(path, sudoers);
        String dir = path.substring(0, Math.max(path.lastIndexOf('/'), 0));
        for (Sudoers.Include include : sudoers.includes()) {
            // sudo 1.9 resolves a relative include against the including file's folder
            String target = include.path().startsWith("/") ? include.path() : dir + "/" + include.path();
            if (!include.directory()) {
                if (root.exists(target)) {
                    readFile(root, target, depth + 1, files, parsed, unreadable);
                } else {
                    unreadable.add(path + " includes " + target + ", which does not exist");
                }
                continue;
            }
            Path folder = root.resolve(target);
            if (!Files.isDirectory(folder)) {
                continue; // sudo ignores a missing includedir
            }
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path entry : entries.sorted().toList()) {
                    String name = entry.getFileName().toString();
                    if (name.contains(".") || name.endsWith("~") || !Files.isRegularFile(entry)) {
                        continue;
                    }
                    readFile(root, target + "/" + name, depth + 1, files, parsed, unreadable);
                }
            } catch (IOException e) {
                unreadable.add("could not list " + target + " (included by " + path + "): " + e.getMessage()
                        + "; run the agent as root");
            }
        }
    }

    /**
     * The first rule that lets this account run commands as root, as "file: line"; empty when none does. User_Alias
     * names are shared across included files, as in sudo.
     */
    public Optional<String> rootRuleFor(String name, int uid, Set<String> groups, Set<Integer> gids) {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        parsed.values().forEach(s -> aliases.putAll(s.userAliases()));
        for (Map.Entry<String, Sudoers> file : parsed.entrySet()) {
            for (Sudoers.RootRule rule : file.getValue().rootRules()) {
                if (Sudoers.matches(rule.users(), name, uid, groups, gids, aliases, 0)) {
                    return Optional.of(file.getKey() + ": " + rule.line());
                }
            }
        }
        return Optional.empty();
    }
}
