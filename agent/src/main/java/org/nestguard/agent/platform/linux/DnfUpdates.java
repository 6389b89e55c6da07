package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dnf's lists for Fedora and RHEL: {@code dnf check-update} ("name.arch  version-release  repo" lines, then an
 * optional "Obsoleting Packages" section that is not updates) and {@code dnf updateinfo list --security}, whose lines
 * carry an advisory, a type ("Important/Sec." in dnf 4, "security" in dnf 5) and the package NEVRA.
 */
public final class DnfUpdates {
    private static final Pattern AVAILABLE = Pattern.compile("^(\\S+)\\.(\\w+)\\s+(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern NEVRA = Pattern.compile("^(.+)-([^-]+)-([^-]+)\\.(x86_64|aarch64|noarch|i686|ppc64le|s390x)$");

    private DnfUpdates() {
    }

    /** One available update from check-update. */
    public record Available(String name, String arch, String version, String repository) {
    }

    public static List<Available> parseCheckUpdate(String text) {
        List<Available> updates = new ArrayList<>();
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.startsWith("Obsoleting Packages")) {
                break;
            }
            Matcher m = AVAILABLE.matcher(line);
            if (m.matches() && !line.startsWith("Last metadata")) {
                updates.add(new Available(m.group(1), m.group(2), m.group(3), m.group(4)));
            }
        }
        return updates;
    }

    /** Names of the packages a security advisory updates. */
    public static Set<String> parseSecurityNames(String text) {
        Set<String> names = new HashSet<>();
        for (String line : text.lines().map(String::strip).toList()) {
            String[] fields = line.split("\\s+");
            boolean security = false;
            for (String field : fields) {
                security |= field.equalsIgnoreCase("security") || field.endsWith("/Sec.");
            }
            if (!security) {
                continue;
            }
            for (String field : fields) {
                Matcher m = NEVRA.matcher(field);
                if (m.matches()) {
                    names.add(m.group(1).replaceFirst("^\\d+:", ""));
                    break;
                }
            }
        }
        return names;
    }
}
