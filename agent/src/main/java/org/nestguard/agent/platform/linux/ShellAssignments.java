package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file of shell-style {@code KEY=value} lines ({@code /etc/os-release}, {@code /etc/ufw/ufw.conf},
 * {@code /etc/default/ufw}), with single or double quotes removed. Unparseable lines are kept in {@link #problems()}.
 */
public record ShellAssignments(Map<String, String> values, List<String> problems) {

    public ShellAssignments {
        values = Map.copyOf(values);
        problems = List.copyOf(problems);
    }

    public static ShellAssignments parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problems.add("not KEY=value: " + line);
                continue;
            }
            values.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
        }
        return new ShellAssignments(values, problems);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            String inner = value.substring(1, value.length() - 1);
            // os-release(5): within double quotes, backslash escapes $ " \ and `.
            return value.startsWith("\"") ? inner.replaceAll("\\\\([$\"\\\\`])", "$1") : inner;
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }
}
