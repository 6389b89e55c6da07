package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An INI-style key file ({@code [group]} then {@code key=value}) as used by .desktop entries, dconf keyfiles,
 * GDM, LightDM, SDDM and KDE. Lines it cannot understand are kept in {@link #problems()}, not dropped silently.
 */
public final class KeyFile {
    private final Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private KeyFile() {
    }

    /** Parses key-file text; keys before the first group header belong to the group "". */
    public static KeyFile parse(String text) {
        KeyFile file = new KeyFile();
        String group = "";
        int lineNumber = 0;
        for (String raw : text.replace("\uFEFF", "").lines().toList()) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                group = line.substring(1, line.length() - 1).strip();
                file.groups.computeIfAbsent(group, g -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                file.problems.add("line " + lineNumber + " is neither [group] nor key=value: " + line);
                continue;
            }
            file.groups.computeIfAbsent(group, g -> new LinkedHashMap<>())
                    .put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return file;
    }

    public Optional<String> get(String group, String key) {
        return Optional.ofNullable(groups.getOrDefault(group, Map.of()).get(key));
    }

    /** The value read as a boolean (true/false/yes/no/1/0, any case); empty when missing or not a boolean. */
    public Optional<Boolean> getBoolean(String group, String key) {
        return get(group, key).flatMap(KeyFile::parseBoolean);
    }

    public boolean hasGroup(String group) {
        return groups.containsKey(group);
    }

    public Map<String, String> group(String group) {
        return Map.copyOf(groups.getOrDefault(group, Map.of()));
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    static Optional<Boolean> parseBoolean(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> Optional.of(true);
            case "false", "no", "0", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
