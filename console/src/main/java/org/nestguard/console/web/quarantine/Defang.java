package org.nestguard.console.web.quarantine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a URL safe to show and to hand to the Internet Watch Foundation: still readable by a person, but nothing a
 * browser, mail client or spreadsheet would turn into a link. {@code http} becomes {@code hxxp} (and {@code ftp}
 * {@code fxp}); every other scheme keeps its name with its colon bracketed; the dots of the host (names and IPv4),
 * the colons of an IPv6 literal and of a port, and the {@code @} after user information are bracketed; a URL
 * nested in the path or query is defanged the same way.
 */
public final class Defang {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+-]*):(//)?");
    // a URL nested in the path or query (?u=http://...), plain or percent-encoded, with its host
    private static final Pattern NESTED = Pattern.compile("(?i)\\b(https?|ftps?)(://|%3a%2f%2f)([^/?#&\\s]*)");
    private static final Pattern NESTED_WWW = Pattern.compile("(?i)\\bwww\\.([^/?#&\\s]*)");
    // a dot not already bracketed
    private static final Pattern LOOSE_DOT = Pattern.compile("(?<!\\[)\\.(?!\\])");

    private Defang() {
    }

    /** The defanged form of {@code url}; text that is not a URL is defanged as a host and path. */
    public static String url(String url) {
        String text = url == null ? "" : url.strip();
        StringBuilder out = new StringBuilder();
        Matcher scheme = SCHEME.matcher(text);
        String rest = text;
        boolean authority = true;
        if (scheme.find()) {
            String name = scheme.group(1);
            out.append(scheme(name));
            authority = scheme.group(2) != null;
            out.append(authority ? "://" : "[:]");
            rest = text.substring(scheme.end());
            if (!isDefangedScheme(name) && authority) {
                // "file://" keeps its name: the bracketed colon alone stops it being followed
                out.setLength(out.length() - 3);
                out.append("[:]//");
            }
        }
        if (!authority) {
            // mailto:, javascript: and the like: an address or a host in them must not be followed either
            return out.append(LOOSE_DOT.matcher(nested(rest.replace("@", "[@]"))).replaceAll("[.]")).toString();
        }
        int end = firstOf(rest, "/?#");
        out.append(authority(rest.substring(0, end)));
        out.append(nested(rest.substring(end)));
        return out.toString();
    }

    private static boolean isDefangedScheme(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https") || lower.equals("ftp") || lower.equals("ftps");
    }

    private static String scheme(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "http", "https" -> "hxxp" + lower.substring(4);
            case "ftp", "ftps" -> "fxp" + lower.substring(3);
            default -> lower;
        };
    }

    // user:password@host:port, each part defanged; the host may be a name, IPv4 or a bracketed IPv6 literal
    private static String authority(String authority) {
        StringBuilder out = new StringBuilder();
        String hostPort = authority;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            out.append(authority.substring(0, at).replace(":", "[:]").replace(".", "[.]")).append("[@]");
            hostPort = authority.substring(at + 1);
        }
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = close < 0 ? hostPort : hostPort.substring(0, close + 1);
            String after = close < 0 ? "" : hostPort.substring(close + 1);
            port = after.startsWith(":") ? after.substring(1) : after.isEmpty() ? null : after;
            out.append(host.replace(":", "[:]").replace(".", "[.]"));
        } else {
            int colon = hostPort.indexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                port = hostPort.substring(colon + 1);
            }
            out.append(host.replace(".", "[.]"));
        }
        if (port != null) {
            out.append("[:]").append(port.replace(".", "[.]").replace(":", "[:]"));
        }
        return out.toString();
    }

    private static String nested(String rest) {
        String out = NESTED.matcher(rest).replaceAll(match -> Matcher.quoteReplacement(scheme(match.group(1))
                + match.group(2) + match.group(3).replace(".", "[.]")));
        return NESTED_WWW.matcher(out).replaceAll(match -> Matcher.quoteReplacement("www[.]"
                + match.group(1).replace(".", "[.]")));
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
