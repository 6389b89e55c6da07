package org.nestguard.agent.platform.linux;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/** The parsed {@code /etc/shadow}: password hash state and aging per account. */
public record ShadowFile(Map<String, Entry> entries, List<String> problems) {

    public ShadowFile {
        entries = Map.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /**
     * One shadow line.
     *
     * @param hash           the password field as stored
     * @param lastChangeDays days since 1970-01-01 of the last change; 0 = must change at next logon; null = aging off
     * @param expireDays     days since 1970-01-01 on which the account expires; null = never
     */
    public record Entry(String name, String hash, Long lastChangeDays, Long expireDays) {
    }

    public static ShadowFile parse(String text) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length < 8) {
                problems.add("shadow line with " + f.length + " of 9 fields: " + f[0]);
                continue;
            }
            try {
                entries.put(f[0], new Entry(f[0], f[1], days(f[2]), days(f[7])));
            } catch (NumberFormatException e) {
                problems.add("shadow line for " + f[0] + " has a non-numeric date field");
            }
        }
        return new ShadowFile(entries, problems);
    }

    public Optional<Entry> byName(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    private static Long days(String field) {
        return field.isBlank() ? null : Long.parseLong(field.strip());
    }
}
