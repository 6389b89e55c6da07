package org.nestguard.agent.platform.linux;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the GVariant text form that {@code gsettings get} prints and dconf keyfiles hold: {@code true},
 * {@code uint32 300}, {@code 300}, {@code 'text'} or {@code "text"} with backslash escapes.
 */
public final class GVariantText {
    private static final Pattern NUMBER = Pattern.compile("^(?:@?[a-z]+\\d*\\s+)?(-?\\d+)$");

    private GVariantText() {
    }

    public static Optional<Boolean> parseBoolean(String text) {
        return switch (text.strip()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** A number with or without its type prefix (uint32, int32, @u). */
    public static Optional<Long> parseNumber(String text) {
        Matcher m = NUMBER.matcher(text.strip());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** A quoted GVariant string, unescaped; empty when the text is not a quoted string. */
    public static Optional<String> parseString(String text) {
        String s = text.strip();
        if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1) || (s.charAt(0) != '\'' && s.charAt(0) != '"')) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length() - 1) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    if (i + 4 < s.length()) {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> out.append(next); // \' \" \\ stand for themselves
            }
        }
        return Optional.of(out.toString());
    }
}
