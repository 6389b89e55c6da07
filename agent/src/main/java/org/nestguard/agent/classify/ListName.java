package org.nestguard.agent.classify;

import java.util.regex.Pattern;

/**
 * A list's name as flags and reports show it: where it came from and which list of that source, such as
 * {@code ut1/adult}, {@code e2guardian/pornography} or {@code default/gambling}.
 *
 * @param origin {@value #DEFAULT} for the lists shipped with the agent, else the name given at import
 * @param list   the source's own list name (a UT1 category folder) or the category
 */
public record ListName(String origin, String list) {
    /** The origin of the lists the agent ships with. */
    public static final String DEFAULT = "default";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

    public ListName {
        requireName("origin", origin);
        requireName("list", list);
    }

    /** Whether {@code name} may name an import or a list: lower-case letters, digits, '.', '_' and '-'. */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static void requireName(String what, String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a list " + what + " name; expected 1 to 40 "
                    + "lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return origin + "/" + list;
    }
}
