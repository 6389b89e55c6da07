package org.nestguard.protocol.policy;

import java.util.Locale;

/** Matches a name against a list entry where {@code *} is any run of characters, ignoring case. */
final class NamePattern {
    private NamePattern() {
    }

    static boolean matches(String pattern, String name) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        String[] parts = p.split("\\*", -1);
        if (parts.length == 1) {
            return p.equals(n);
        }
        if (!n.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = n.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return n.length() - at >= last.length() && n.endsWith(last);
    }
}
