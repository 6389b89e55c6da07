package org.nestguard.agent.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Firefox's {@code profiles.ini}: the profiles it lists, each a {@code [ProfileN]} section with {@code Name=},
 * {@code Path=} and {@code IsRelative=}. {@code [Install...]}, {@code [General]} and other sections name no
 * profile of their own and are skipped.
 *
 * @param profiles the listed profiles, in file order
 */
public record FirefoxProfilesIni(List<Entry> profiles) {
    /** Longest profile name kept: a folder name's limit on common file systems. */
    public static final int MAX_NAME = 255;

    public FirefoxProfilesIni {
        profiles = List.copyOf(profiles);
    }

    /**
     * One listed profile.
     *
     * @param name     the profile's name as the profile manager shows it
     * @param path     its folder: relative to the folder holding profiles.ini, or absolute
     * @param relative whether {@code path} is relative ({@code IsRelative=1})
     */
    public record Entry(String name, String path, boolean relative) {
    }

    /** Parses the file's text; lines it cannot use are skipped, as Firefox does. */
    public static FirefoxProfilesIni parse(String text) {
        List<Map<String, String>> sections = new ArrayList<>();
        Map<String, String> current = null;
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String section = line.substring(1, line.length() - 1).strip();
                current = section.regionMatches(true, 0, "Profile", 0, 7) && !section.contains(" ")
                        ? new LinkedHashMap<>() : null;
                if (current != null) {
                    sections.add(current);
                }
                continue;
            }
            int equals = line.indexOf('=');
            if (current != null && equals > 0) {
                current.putIfAbsent(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Map<String, String> section : sections) {
            String path = section.get("Path");
            if (path == null || path.isEmpty()) {
                continue;
            }
            String name = section.getOrDefault("Name", path);
            if (name.length() > MAX_NAME) {
                // The name travels with every visit; the profile manager never makes one this long.
                name = name.substring(0, MAX_NAME);
            }
            // Firefox reads IsRelative as a number; anything but 0 is relative, and a missing key means relative.
            boolean relative = !"0".equals(section.getOrDefault("IsRelative", "1"));
            entries.add(new Entry(name, path, relative));
        }
        return new FirefoxProfilesIni(entries);
    }
}
