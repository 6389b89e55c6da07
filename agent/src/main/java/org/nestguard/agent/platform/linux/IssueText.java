package org.nestguard.agent.platform.linux;

import java.util.List;
import java.util.Locale;

/**
 * Text of {@code /etc/issue}, {@code /etc/issue.net} or {@code /etc/motd}, with agetty's backslash escapes (\n host,
 * \l tty, \r kernel ...) removed, and the test whether it is only the distribution's stock text rather than a notice.
 */
public final class IssueText {
    private static final String DEBIAN_MOTD = "The programs included with the Debian GNU/Linux system are free software";

    private IssueText() {
    }

    /** The text without getty escapes and trailing blank lines. */
    public static String withoutEscapes(String text) {
        return text.replace("\r\n", "\n").replaceAll("\\\\[a-zA-Z4-6](\\{[^}]*\\})?", "").replaceAll("[ \\t]+\\n", "\n").strip();
    }

    /**
     * Stock when every non-blank line names the distribution (Debian's "Debian GNU/Linux 12 \n \l", Ubuntu's "Ubuntu 22.04.3
     * LTS \n \l") or is Fedora's "Kernel \r on an \m" line, or when it is Debian's stock motd licence text.
     */
    public static boolean isStock(String text, List<String> distributionNames) {
        String clean = withoutEscapes(text);
        if (clean.isEmpty() || clean.startsWith(DEBIAN_MOTD)) {
            return true;
        }
        for (String line : clean.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String lower = line.toLowerCase(Locale.ROOT);
            boolean names = distributionNames.stream().filter(n -> n != null && !n.isBlank())
                    .anyMatch(n -> lower.startsWith(n.toLowerCase(Locale.ROOT)));
            if (!names && !lower.startsWith("kernel") && !lower.matches("^[()\\s]*$")) {
                return false;
            }
        }
        return true;
    }
}
