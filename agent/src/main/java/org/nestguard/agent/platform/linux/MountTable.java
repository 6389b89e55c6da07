package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's mount table, from {@code /proc/self/mountinfo} (preferred: it has the device number) or the older
 * {@code /proc/self/mounts} format. Lines that fit neither format are kept in {@link #problems()}.
 */
public record MountTable(List<Mount> mounts, List<String> problems) {

    public MountTable {
        mounts = List.copyOf(mounts);
        problems = List.copyOf(problems);
    }

    /**
     * One mount.
     *
     * @param majorMinor device number "254:0", or null when read from the mounts format
     * @param fsRoot     the directory of the file system mounted here ("/" unless a bind mount or btrfs subvolume)
     */
    public record Mount(String source, String mountPoint, String fsType, String majorMinor, String fsRoot) {
    }

    /** Parses mountinfo(5): {@code id parent maj:min root mountpoint options [optional...] - fstype source superopts}. */
    public static MountTable parseMountinfo(String text) {
        List<Mount> mounts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (f.length < 7 || dash < 0 || dash + 2 >= f.length) {
                problems.add("not a mountinfo line: " + line);
                continue;
            }
            mounts.add(new Mount(unescape(f[dash + 2]), unescape(f[4]), f[dash + 1], f[2], unescape(f[3])));
        }
        return new MountTable(mounts, problems);
    }

    /** Parses fstab-style {@code /proc/self/mounts}: {@code source mountpoint fstype options dump pass}. */
    public static MountTable parseMounts(String text) {
        List<Mount> mounts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length < 3) {
                problems.add("not a mounts line: " + line);
                continue;
            }
            mounts.add(new Mount(unescape(f[0]), unescape(f[1]), f[2], null, "/"));
        }
        return new MountTable(mounts, problems);
    }

    /** The kernel writes space, tab, newline and backslash in paths as octal escapes (\040). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
