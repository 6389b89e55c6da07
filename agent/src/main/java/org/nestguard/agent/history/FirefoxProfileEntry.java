package org.nestguard.agent.history;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code [ProfileN]} section of Firefox's {@code profiles.ini}.
 *
 * @param name      the profile's name ({@code Name=}); the folder's last element when the section has none
 * @param path      {@code Path=} exactly as written: relative paths use forward slashes, absolute ones are in the
 *                  OS's own form ({@code C:\Users\...} on Windows)
 * @param relative  {@code IsRelative=1}: the path is relative to the folder holding {@code profiles.ini}
 * @param isDefault {@code Default=1} in the section, or the path is an {@code [Install…]} section's {@code Default=}
 */
public record FirefoxProfileEntry(String name, String path, boolean relative, boolean isDefault) {
    public FirefoxProfileEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }

    /**
     * The profile folder for a relative path: {@code iniDirectory} plus the path's elements (split on {@code /} and
     * {@code \}, so it works whichever OS wrote the file and whichever reads it). For an absolute path, the path as
     * this JVM's file system reads it; callers that map another root (a test tree laid out as {@code C:\}) map
     * {@link #path()} themselves.
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
