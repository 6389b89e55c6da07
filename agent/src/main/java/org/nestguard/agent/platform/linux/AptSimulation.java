package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code Inst} lines of {@code apt-get -s upgrade|dist-upgrade}:
 * {@code Inst NAME [INSTALLED] (CANDIDATE ORIGIN:VERSION/SUITE[, ORIGIN:VERSION/SUITE...] [ARCH])}. Lines without an
 * installed version are new packages pulled in, not updates, and are counted separately.
 */
public record AptSimulation(List<Upgrade> upgrades, int newPackages, List<String> problems) {
    private static final Pattern INST = Pattern.compile("^Inst (\\S+) (?:\\[([^\\]]*)\\] )?\\((\\S+) (.*) \\[([^\\]]+)\\]\\).*$");

    public AptSimulation {
        upgrades = List.copyOf(upgrades);
        problems = List.copyOf(problems);
    }

    /**
     * One package that would be upgraded.
     *
     * @param origins  the archives offering it, e.g. "Debian-Security:12/oldstable-security"
     * @param security true when one of them is a security suite (its name ends in -security)
     */
    public record Upgrade(String name, String installed, String candidate, String origins, boolean security) {
    }

    public static AptSimulation parse(String text) {
        List<Upgrade> upgrades = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int newPackages = 0;
        for (String line : text.lines().map(String::strip).toList()) {
            if (!line.startsWith("Inst ")) {
                continue;
            }
            Matcher m = INST.matcher(line);
            if (!m.matches()) {
                problems.add("Inst line not understood: " + line);
                continue;
            }
            if (m.group(2) == null) {
                newPackages++;
                continue;
            }
            String origins = m.group(4).strip();
            upgrades.add(new Upgrade(m.group(1), m.group(2), m.group(3), origins, isSecurity(origins)));
        }
        return new AptSimulation(upgrades, newPackages, problems);
    }

    static boolean isSecurity(String origins) {
        for (String origin : origins.split(",")) {
            int slash = origin.lastIndexOf('/');
            String suite = slash >= 0 ? origin.substring(slash + 1).strip() : "";
            if (suite.endsWith("-security")) {
                return true;
            }
        }
        return false;
    }
}
