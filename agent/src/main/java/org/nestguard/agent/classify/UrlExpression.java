package org.nestguard.agent.classify;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line of a UT1 {@code expressions} file: a POSIX extended regular expression matched against a visit's
 * host and path (no scheme, no {@code www.}, lower case). Translated to {@link Pattern} (POSIX classes such as
 * {@code [[:alpha:]]}, GNU word edges {@code \<} {@code \>}); back-references are refused. Cost is bounded twice:
 * an expression that reads more than {@value #PROBE_BUDGET} characters on any of three 2,048-character probe URLs
 * is refused when it is read, and at run time each match may read {@value #MATCH_BUDGET} characters of a URL cut
 * to {@value #MAX_INPUT} characters, after which it counts as not matching (logged once per expression).
 */
public final class UrlExpression {
    static final int MAX_INPUT = 2048;
    static final long MATCH_BUDGET = 200_000;
    static final long PROBE_BUDGET = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(UrlExpression.class);
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alpha", "\\p{Alpha}"), Map.entry("digit", "\\p{Digit}"), Map.entry("alnum", "\\p{Alnum}"),
            Map.entry("upper", "\\p{Upper}"), Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\s"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("punct", "\\p{Punct}"), Map.entry("xdigit", "\\p{XDigit}"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("print", "\\p{Print}"), Map.entry("graph", "\\p{Graph}"));
    private static final String[] PROBES = {
        // Each ends in a character few expressions accept, so a backtracking one must try every split first.
        "a".repeat(MAX_INPUT - 1) + "!",
        "example.com/" + "ab-_/?=".repeat((MAX_INPUT - 13) / 7) + "!",
        "www.example.com/" + "porn-sex-xxx/".repeat((MAX_INPUT - 17) / 13) + "!",
    };

    /**
     * Compiles one expression.
     *
     * @throws IllegalArgumentException saying why it cannot be used
     */
    public static UrlExpression compile(String source) {
        String java = translate(source);
        Pattern pattern;
        try {
            pattern = Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("is not a valid extended regular expression (" + e.getDescription()
                    + " near position " + e.getIndex() + ")");
        }
        for (String probe : PROBES) {
            try {
                pattern.matcher(new BoundedText(probe, PROBE_BUDGET)).find();
            } catch (BoundedText.OverBudget e) {
                throw new IllegalArgumentException("backtracks too much: it reads more than " + PROBE_BUDGET
                        + " characters on a " + probe.length() + "-character URL; simplify it (nested or "
                        + "overlapping repeats such as (a+)+ cause this)");
            } catch (StackOverflowError e) {
                throw new IllegalArgumentException("recurses too deeply on a long URL; simplify it");
            }
        }
        return new UrlExpression(source, pattern);
    }

    private final String source;
    private final Pattern pattern;
    private final AtomicBoolean overBudgetLogged = new AtomicBoolean();

    private UrlExpression(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /** The expression as the list wrote it. */
    public String source() {
        return source;
    }

    /** Whether the expression matches {@code siteAndPath}, within the budget. */
    boolean matches(String siteAndPath) {
        String input = siteAndPath.length() <= MAX_INPUT ? siteAndPath : siteAndPath.substring(0, MAX_INPUT);
        try {
            return pattern.matcher(new BoundedText(input, MATCH_BUDGET)).find();
        } catch (BoundedText.OverBudget | StackOverflowError e) {
            if (overBudgetLogged.compareAndSet(false, true)) {
                LOG.warn("URL expression '{}' gave up on a {}-character URL after reading {} characters; it is "
                        + "treated as not matching there (logged once per expression)", source, input.length(),
                        MATCH_BUDGET);
            }
            return false;
        }
    }

    /** POSIX ERE to {@link Pattern} syntax. */
    static String translate(String ere) {
        StringBuilder java = new StringBuilder(ere.length() + 8);
        boolean inBracket = false;
        for (int i = 0; i < ere.length(); i++) {
            char c = ere.charAt(i);
            if (c == '\\' && i + 1 < ere.length()) {
                char next = ere.charAt(i + 1);
                if (!inBracket && next >= '1' && next <= '9') {
                    throw new IllegalArgumentException("uses a back-reference (\\" + next + "), which extended "
                            + "regular expressions do not have and which cannot be bounded in cost");
                }
                if (!inBracket && (next == '<' || next == '>')) {
                    java.append("\\b");
                } else {
                    java.append(c).append(next);
                }
                i++;
            } else if (inBracket) {
                if (c == '[' && i + 1 < ere.length() && ere.charAt(i + 1) == ':') {
                    int close = ere.indexOf(":]", i + 2);
                    String name = close < 0 ? null : ere.substring(i + 2, close);
                    String replacement = name == null ? null : POSIX_CLASSES.get(name);
                    if (replacement == null) {
                        throw new IllegalArgumentException("uses an unknown character class near position " + i
                                + "; expected one of [:" + String.join(":], [:", POSIX_CLASSES.keySet()) + ":]");
                    }
                    java.append(replacement);
                    i = close + 1;
                } else if (c == '[' || c == '&') {
                    java.append('\\').append(c);
                } else if (c == ']' && firstInBracket(java)) {
                    java.append("\\]");
                } else {
                    inBracket = c != ']';
                    java.append(c);
                }
            } else {
                if (c == '[') {
                    inBracket = true;
                }
                java.append(c);
            }
        }
        return java.toString();
    }

    /** Whether a ']' here is the bracket's first character (after an optional '^'), which POSIX makes literal. */
    private static boolean firstInBracket(StringBuilder java) {
        int n = java.length();
        return java.charAt(n - 1) == '[' || (java.charAt(n - 1) == '^' && n >= 2 && java.charAt(n - 2) == '[');
    }
}
