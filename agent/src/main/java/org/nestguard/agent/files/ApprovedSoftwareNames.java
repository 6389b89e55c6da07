package org.nestguard.agent.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.nestguard.protocol.policy.SoftwareRule;

/**
 * Matches an executable's file name against {@code software.approved}, as an installer is usually named after
 * its application: {@code Scratch Setup 3.29.1.exe} and {@code Scratch-3.29.1-x64-installer.msi} are Scratch's.
 * The name without its extension is tried, then the name with trailing version numbers and words such as setup,
 * installer, x64 removed one at a time.
 */
public final class ApprovedSoftwareNames {
    private static final Pattern SEPARATOR = Pattern.compile("[\\s._-]+");
    private static final Pattern VERSION = Pattern.compile("v?\\d+[\\d.]*[a-z]*\\d*");
    private static final Set<String> INSTALLER_WORDS = Set.of("setup", "installer", "install", "x64", "x86", "win64",
            "win32", "amd64", "arm64", "aarch64", "x86_64", "i386", "i686", "win", "windows", "mac", "macos", "osx",
            "linux", "universal", "full", "offline", "online", "web", "latest", "stable", "release", "portable");

    private ApprovedSoftwareNames() {
    }

    /** The approved entry covering this file name, or null. */
    public static String approvedEntry(SoftwareRule software, String fileName) {
        if (software == null) {
            return null;
        }
        for (String candidate : candidates(fileName)) {
            String entry = software.approvedEntryFor(candidate);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    static List<String> candidates(String fileName) {
        List<String> names = new ArrayList<>();
        String stem = fileName;
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            stem = stem.substring(0, dot);
        }
        names.add(fileName);
        names.add(stem);
        List<String> words = new ArrayList<>(List.of(SEPARATOR.split(stem)));
        while (words.size() > 1) {
            String last = words.get(words.size() - 1).toLowerCase(Locale.ROOT);
            if (!VERSION.matcher(last).matches() && !INSTALLER_WORDS.contains(last)) {
                break;
            }
            words.remove(words.size() - 1);
            names.add(String.join(" ", words));
        }
        // Words glued to the name: ScratchSetup, ZoomInstaller
        String last = words.get(words.size() - 1);
        for (String glued : List.of("setup", "installer", "install")) {
            if (last.length() > glued.length() && last.toLowerCase(Locale.ROOT).endsWith(glued)) {
                List<String> cut = new ArrayList<>(words.subList(0, words.size() - 1));
                cut.add(last.substring(0, last.length() - glued.length()));
                names.add(String.join(" ", cut));
            }
        }
        // Leading "setup" or "install" (setup_scratch.exe)
        if (words.size() > 1 && INSTALLER_WORDS.contains(words.get(0).toLowerCase(Locale.ROOT))) {
            names.add(String.join(" ", words.subList(1, words.size())));
        }
        return names;
    }
}
