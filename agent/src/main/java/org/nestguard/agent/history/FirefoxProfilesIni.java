package org.nestguard.agent.history;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nestguard.agent.platform.linux.KeyFile;

/**
 * Firefox's {@code profiles.ini}, parsed: the profiles it lists, on every OS. {@code [General]},
 * {@code [BackgroundTasksProfiles]} and {@code [Install…]} sections are not profiles; an install's
 * {@code Default=} only marks which profile is that install's default. Sections that cannot name a profile folder
 * are reported in {@link #problems()}, never dropped silently.
 */
public final class FirefoxProfilesIni {
    // Firefox itself reads Profile0, Profile1, ... and stops at the first gap; every [ProfileN] is listed here so
    // that a profile hidden by a gap (still usable with "firefox -profile") is not missed.
    private static final Pattern PROFILE_HEADER = Pattern.compile("^\\s*\\[(Profile\\d+)]\\s*$");
    private static final Pattern INSTALL_HEADER = Pattern.compile("^\\s*\\[(Install[0-9A-Fa-f]+)]\\s*$");

    private final List<FirefoxProfileEntry> profiles;
    private final List<String> problems;

    private FirefoxProfilesIni(List<FirefoxProfileEntry> profiles, List<String> problems) {
        this.profiles = List.copyOf(profiles);
        this.problems = List.copyOf(problems);
    }

    /** Parses the text of a {@code profiles.ini} (UTF-8, CRLF or LF, with or without a byte-order mark). */
    public static FirefoxProfilesIni parse(String text) {
        KeyFile ini = KeyFile.parse(text);
        List<String> problems = new ArrayList<>(ini.problems());
        List<String> profileSections = new ArrayList<>();
        Set<String> installDefaults = new HashSet<>();
        for (String line : text.replace("\uFEFF", "").lines().toList()) {
            Matcher profile = PROFILE_HEADER.matcher(line);
            if (profile.matches()) {
                profileSections.add(profile.group(1));
                continue;
            }
            Matcher install = INSTALL_HEADER.matcher(line);
            if (install.matches()) {
                ini.get(install.group(1), "Default").ifPresent(installDefaults::add);
            }
        }
        List<FirefoxProfileEntry> profiles = new ArrayList<>();
        for (String section : profileSections) {
            String path = ini.get(section, "Path").orElse("");
            if (path.isEmpty()) {
                problems.add("[" + section + "] has no Path=, so its profile folder is unknown");
                continue;
            }
            boolean relative = ini.get(section, "IsRelative")
                    .map(value -> !value.strip().equals("0"))
                    .orElseGet(() -> !looksAbsolute(path));
            String name = ini.get(section, "Name").filter(n -> !n.isBlank()).orElseGet(() -> {
                problems.add("[" + section + "] has no Name=; named after its folder");
                return lastElement(path);
            });
            boolean isDefault = ini.getBoolean(section, "Default").orElse(false) || installDefaults.contains(path);
            if (profiles.stream().anyMatch(p -> p.path().equals(path) && p.relative() == relative)) {
                problems.add("[" + section + "] repeats the path " + path + "; listed once");
                continue;
            }
            profiles.add(new FirefoxProfileEntry(name, path, relative, isDefault));
        }
        return new FirefoxProfilesIni(profiles, problems);
    }

    /** The profiles in the order the file lists them. */
    public List<FirefoxProfileEntry> profiles() {
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
