package org.nestguard.agent.platform.linux;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The installed packages in {@code /var/lib/dpkg/status}: RFC 822-style stanzas separated by blank lines, continuation
 * lines starting with a space. Only stanzas whose Status ends in "installed" count.
 */
public record DpkgStatus(Map<String, Package> packages) {

    public DpkgStatus {
        packages = Map.copyOf(packages);
    }

    /**
     * One installed package.
     *
     * @param originalMaintainer Ubuntu keeps the Debian maintainer here (XSBC-Original-Maintainer), otherwise null
     */
    public record Package(String name, String version, String maintainer, String originalMaintainer) {
    }

    public static DpkgStatus parse(String text) {
        Map<String, Package> packages = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String line : (text + "\n\n").lines().toList()) {
            if (line.isBlank()) {
                add(fields, packages);
                fields.clear();
                last = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                fields.merge(last, "\n" + line.strip(), String::concat);
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    last = line.substring(0, colon);
                    fields.put(last, line.substring(colon + 1).strip());
                }
            }
        }
        return new DpkgStatus(packages);
    }

    private static void add(Map<String, String> fields, Map<String, Package> packages) {
        String name = fields.get("Package");
        String status = fields.getOrDefault("Status", "");
        if (name == null || !status.endsWith(" installed")) {
            return;
        }
        String original = fields.getOrDefault("Original-Maintainer", fields.get("XSBC-Original-Maintainer"));
        packages.put(name, new Package(name, fields.get("Version"), fields.get("Maintainer"), original));
    }

    public Optional<Package> get(String name) {
        return Optional.ofNullable(packages.get(name));
    }

    /**
     * Whether a package came from the distribution's archive. dpkg keeps no origin, so this uses the maintainer:
     * Debian and Ubuntu archive packages are maintained by people and teams with debian.org, ubuntu.com or
     * canonical.com addresses (Ubuntu keeps the Debian one as Original-Maintainer), while third-party .debs
     * (Chrome, Zoom, Teams) name their vendor. A Debian maintainer using a private address is misread as third party,
     * which errs towards listing more software for review, never less.
     */
    public static boolean fromDistribution(Package p) {
        return isDistributionAddress(p.maintainer()) || isDistributionAddress(p.originalMaintainer());
    }

    private static boolean isDistributionAddress(String maintainer) {
        if (maintainer == null) {
            return false;
        }
        int at = maintainer.lastIndexOf('@');
        int end = maintainer.indexOf('>', at);
        if (at < 0) {
            return false;
        }
        String domain = maintainer.substring(at + 1, end > at ? end : maintainer.length()).strip().toLowerCase();
        for (String distro : new String[] {"debian.org", "ubuntu.com", "canonical.com"}) {
            if (domain.equals(distro) || domain.endsWith("." + distro)) {
                return true;
            }
        }
        return false;
    }
}
