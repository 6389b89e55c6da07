package org.nestguard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The [Service] settings of an installed systemd unit that decide how its process starts: ExecStart, User and
 * Environment. With no systemd running in CI, the test starts that command line itself, as systemd would.
 */
record SystemdUnit(List<String> execStart, String user, Map<String, String> environment, List<String> lines) {

    static SystemdUnit read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String section = "";
        List<String> exec = null;
        String user = "root"; // systemd's default for system units
        Map<String, String> environment = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            if (!section.equals("[Service]") || !line.contains("=")) {
                continue;
            }
            String key = line.substring(0, line.indexOf('=')).strip();
            String value = line.substring(line.indexOf('=') + 1).strip();
            switch (key) {
                case "ExecStart" -> exec = words(value);
                case "User" -> user = value;
                case "Environment" -> words(value).forEach(pair -> environment.put(
                        pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)));
                case "EnvironmentFile" -> throw new IllegalArgumentException(file + " reads an EnvironmentFile; this "
                        + "reader only knows ExecStart, User and Environment");
                default -> { }
            }
        }
        if (exec == null || exec.isEmpty()) {
            throw new IllegalArgumentException(file + " has no ExecStart in [Service]");
        }
        if (exec.get(0).matches("^[-@:+!].*")) {
            throw new IllegalArgumentException(file + ": ExecStart prefixes (-@:+!) are not handled here: " + exec);
        }
        return new SystemdUnit(List.copyOf(exec), user, Map.copyOf(environment), List.copyOf(lines));
    }

    /** systemd's word splitting: spaces separate, double quotes group; enough for the units we ship. */
    private static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /** The value of a [Service] or [Install] setting, or null. */
    String setting(String key) {
        return lines.stream().map(String::strip).filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1)).findFirst().orElse(null);
    }
}
