package org.nestguard.agent.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nestguard.agent.platform.linux.KeyFile;

/**
 * Firefox's {@code profiles.ini}, parsed: the profiles it lists, on every OS. Each is a {@code [ProfileN]} section
 * with {@code Name=}, {@code Path=} and {@code IsRelative=}; {@code [General]}, {@code [BackgroundTasksProfiles]}
 * and {@code [Install…]} sections (an install's {@code Default=} points at a profile listed anyway) name no profile
 * of their own. Sections that cannot name a profile folder are reported in {@link #problems()}, never dropped
 * silently.
 */
public final class FirefoxProfilesIni {
    /** Longest profile name kept: a folder name's limit on common file systems. */
    public static final int MAX_NAME = 255;
    /** Profiles read from one file: more than anyone keeps; the rest are left out, and that is said once. */
    public static final int MAX_PROFILES = 64;

    // Firefox itself reads Profile0, Profile1, ... and stops at the first gap; every [ProfileN] is listed here so
    // that a profile hidden by a gap (still usable with "firefox -profile") is not missed.
    private static final Pattern PROFILE_HEADER = Pattern.compile("^\\s*\\[(Profile\\d+)]\\s*$");

    private final List<Entry> profiles;
    private final List<String> problems;

    /**
     * One listed profile.
     *
     * @param name     the profile's name ({@code Name=}); the folder's last element when the section has none
     * @param path     {@code Path=} exactly as written: relative paths use forward slashes, absolute ones are in the
     *                 OS's own form ({@code C:\Users\...} on Windows)
     * @param relative {@code IsRelative=1}: the path is relative to the folder holding {@code profiles.ini}
     */
    public record Entry(String name, String path, boolean relative) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }

        /**
         * The profile folder for a relative path: {@code iniDirectory} plus the path's elements (split on {@code /}
         * and {@code \}, so it works whichever OS wrote the file and whichever reads it). For an absolute path, the
         * path as this JVM's file system reads it; callers that map another root (a test tree laid out as
         * {@code C:\}) map {@link #path()} themselves.
         *
         * @throws java.nio.file.InvalidPathException when this file system cannot hold such a name
         */
        public Path locate(Path iniDirectory) {
            if (!relative) {
                return Path.of(path);
            }
            Path folder = iniDirectory;
            for (String element : path.split("[/\\\\]")) {
                if (!element.isEmpty() && !element.equals(".")) {
                    folder = folder.resolve(element);
                }
            }
            return folder;
        }
    }

    private FirefoxProfilesIni(List<Entry> profiles, List<String> problems) {
        this.profiles = List.copyOf(profiles);
        this.problems = List.copyOf(problems);
    }

    /** Parses the text of a {@code profiles.ini} (UTF-8, CRLF or LF, with or without a byte-order mark). */
    public static FirefoxProfilesIni parse(String text) {
        KeyFile ini = KeyFile.parse(text);
        List<String> problems = new ArrayList<>(ini.problems());
        List<String> profileSections = new ArrayList<>();
        for (String line : text.replace("\uFEFF", "").lines().toList()) {
            Matcher profile = PROFILE_HEADER.matcher(line);
            if (profile.matches()) {
                if (profileSections.size() == MAX_PROFILES) {
                    problems.add("more than " + MAX_PROFILES + " [ProfileN] sections, more than anyone keeps; those"
                            + " after " + profileSections.get(MAX_PROFILES - 1) + " are left out");
                    break;
                }
                profileSections.add(profile.group(1));
            }
        }
        List<Entry> profiles = new ArrayList<>();
        for (String section : profileSections) {
            String path = ini.get(section, "Path").orElse("");
            if (path.isEmpty()) {
                problems.add("[" + section + "] has no Path=, so its profile folder is unknown");
                continue;
            }
            boolean relative = ini.get(section, "IsRelative")
                    .map(value -> !value.strip().equals("0"))
                    .orElseGet(() -> !looksAbsolute(path));
            String named = ini.get(section, "Name").filter(n -> !n.isBlank()).orElseGet(() -> {
                problems.add("[" + section + "] has no Name=; named after its folder");
                return lastElement(path);
            });
            // The name travels with every visit; the profile manager never makes one longer than a folder name.
            String name = named.length() > MAX_NAME ? named.substring(0, MAX_NAME) : named;
            if (profiles.stream().anyMatch(p -> p.path().equals(path) && p.relative() == relative)) {
                problems.add("[" + section + "] repeats the path " + path + "; listed once");
                continue;
            }
            profiles.add(new Entry(name, path, relative));
        }
        return new FirefoxProfilesIni(profiles, problems);
    }

    /** The profiles in the order the file lists them. */
    public List<Entry> profiles() {
        return profiles;
    }

    /** Lines and sections that could not be understood, each saying what was wrong. */
    public List<String> problems() {
        return problems;
    }

    private static boolean looksAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("\\\\")
                || path.toUpperCase(Locale.ROOT).matches("^[A-Z]:[\\\\/].*");
    }

    private static String lastElement(String path) {
        String[] elements = path.split("[/\\\\]");
        for (int i = elements.length - 1; i >= 0; i--) {
            if (!elements[i].isEmpty()) {
                return elements[i];
            }
        }
        return path;
    }
}
