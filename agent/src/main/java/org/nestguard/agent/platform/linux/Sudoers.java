package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed sudoers(5) file: the include directives, User_Alias and Runas_Alias definitions, and the user
 * specifications that let someone run commands as root. Host lists are not judged (a rule for any host is taken to
 * apply here), and any command counts: a learner who may run even one command as root can usually become root.
 *
 * @param includes     {@code @include}/{@code #include} files and {@code @includedir}/{@code #includedir} folders, in
 *                     order, as written
 * @param userAliases  User_Alias name to members
 * @param runasAliases Runas_Alias name to members
 * @param rootRules    user specifications that run commands as root: the user list and the line, for the evidence
 */
public record Sudoers(List<Include> includes, Map<String, List<String>> userAliases,
                      Map<String, List<String>> runasAliases, List<RootRule> rootRules) {

    private static final Pattern INCLUDE = Pattern.compile("^[@#](include|includedir)\\s+(.+)$");
    private static final Pattern ALIAS = Pattern.compile("^(User_Alias|Runas_Alias|Host_Alias|Cmnd_Alias|Cmd_Alias)\\s+(.+)$");
    private static final Pattern RUNAS = Pattern.compile("\\(([^)]*)\\)");

    public Sudoers {
        includes = List.copyOf(includes);
        userAliases = Map.copyOf(userAliases);
        runasAliases = Map.copyOf(runasAliases);
        rootRules = List.copyOf(rootRules);
    }

    /** An include directive: a file, or a folder whose files are all read. */
    public record Include(String path, boolean directory) {
    }

    /** A user specification that runs commands as root. */
    public record RootRule(List<String> users, String line) {
    }

    public static Sudoers parse(String text) {
        List<Include> includes = new ArrayList<>();
        Map<String, List<String>> userAliases = new LinkedHashMap<>();
        Map<String, List<String>> runasAliases = new LinkedHashMap<>();
        List<String[]> specs = new ArrayList<>();
        for (String line : logicalLines(text)) {
            Matcher include = INCLUDE.matcher(line);
            if (include.matches()) {
                includes.add(new Include(unquote(include.group(2).strip()), include.group(1).equals("includedir")));
                continue;
            }
            String content = withoutComment(line).strip();
            if (content.isEmpty() || content.startsWith("Defaults")) {
                continue;
            }
            Matcher alias = ALIAS.matcher(content);
            if (alias.matches()) {
                // NAME = a, b : NAME2 = c
                for (String definition : alias.group(2).split(":")) {
                    int eq = definition.indexOf('=');
                    if (eq > 0) {
                        List<String> members = list(definition.substring(eq + 1));
                        String name = definition.substring(0, eq).strip();
                        if (alias.group(1).equals("User_Alias")) {
                            userAliases.put(name, members);
                        } else if (alias.group(1).equals("Runas_Alias")) {
                            runasAliases.put(name, members);
                        }
                    }
                }
                continue;
            }
            int eq = content.indexOf('=');
            if (eq > 0) {
                specs.add(new String[] {content.substring(0, eq), content.substring(eq + 1), content});
            }
        }
        List<RootRule> rootRules = new ArrayList<>();
        for (String[] spec : specs) {
            // "alice, %staff  ALL" : users, then the host list
            String[] left = spec[0].strip().replaceAll("\\s*,\\s*", ",").split("\\s+");
            if (left.length < 2) {
                continue;
            }
            if (runsAsRoot(spec[1], runasAliases)) {
                rootRules.add(new RootRule(Arrays.asList(left[0].split(",")), spec[2]));
            }
        }
        return new Sudoers(includes, userAliases, runasAliases, rootRules);
    }

    /** Whether the commands on the right of "=" run as root: no runas list (root is sudo's default) or one naming it. */
    private static boolean runsAsRoot(String right, Map<String, List<String>> runasAliases) {
        if (!right.strip().startsWith("(")) {
            return true;
        }
        Matcher m = RUNAS.matcher(right);
        while (m.find()) {
            String users = m.group(1).split(":", -1)[0];
            for (String user : list(users)) {
                if (isRoot(user, runasAliases, 0)) {
                    return true;
                }
            }
        }
        // a later "host = cmd" group may have no runas list of its own
        for (String group : right.split(":\\s*(?=[A-Za-z0-9_.+%-]+\\s*=)")) {
            if (group.contains("=") && !group.substring(group.indexOf('=') + 1).strip().startsWith("(")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoot(String user, Map<String, List<String>> runasAliases, int depth) {
        if (user.equals("ALL") || user.equals("root") || user.equals("#0")) {
            return true;
        }
        List<String> members = runasAliases.get(user);
        if (members == null && user.matches("[A-Z][A-Z0-9_]*")) {
            return true; // a Runas_Alias defined in another file: it may name root, so it is not taken to be harmless
        }
        return members != null && depth < 16 && members.stream().anyMatch(u -> isRoot(u, runasAliases, depth + 1));
    }

    /**
     * Whether a user list names this account: its name, {@code #uid}, {@code %group}, {@code %#gid}, ALL or a User_Alias
     * (resolved through {@code aliases}, which may hold other files' aliases); the last matching item wins, so
     * {@code ALL, !pupil} leaves pupil out.
     */
    static boolean matches(List<String> users, String name, int uid, Set<String> groups, Set<Integer> gids,
                           Map<String, List<String>> aliases, int depth) {
        boolean matched = false;
        for (String raw : users) {
            boolean negated = raw.startsWith("!");
            String item = negated ? raw.substring(1) : raw;
            boolean here = item.equals("ALL") || item.equals(name) || item.equals("#" + uid)
                    || (item.startsWith("%#") && gids.contains(parseInt(item.substring(2))))
                    || (item.startsWith("%") && !item.startsWith("%#") && groups.contains(item.substring(1)))
                    || (aliases.containsKey(item) && depth < 16
                    && matches(aliases.get(item), name, uid, groups, gids, aliases, depth + 1));
            if (here) {
                matched = !negated;
            }
        }
        return matched;
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Lines with backslash continuations joined. */
    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.lines().toList()) {
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            lines.add(current.append(line).toString().strip());
            current.setLength(0);
        }
        if (current.length() > 0) {
            lines.add(current.toString().strip());
        }
        return lines;
    }

    /** Drops a comment; "#" followed by digits is a uid (#1000), not a comment. */
    private static String withoutComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i + 1 >= line.length() || !Character.isDigit(line.charAt(i + 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String unquote(String path) {
        return path.length() >= 2 && path.startsWith("\"") && path.endsWith("\"") ? path.substring(1, path.length() - 1)
                : path;
    }
}
