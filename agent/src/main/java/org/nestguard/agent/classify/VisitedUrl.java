package org.nestguard.agent.classify;

import java.util.Locale;

/**
 * The parts of a visited URL the lists look at: the host in list form and the path with its query, without
 * scheme, user, port or fragment. Parsed by hand rather than by {@link java.net.URI}: browsers store URLs that
 * {@code URI} refuses (spaces, unescaped non-ASCII), and every visit must be classified.
 *
 * @param host the host in {@link HostName} form; empty for URLs without one ({@code about:}, {@code data:})
 * @param path the path and query as visited, starting with {@code /}, or empty
 */
record VisitedUrl(String host, String path) {
    /** Longest URL text the parser reads; longer URLs are classified on their first part. */
    static final int MAX_LENGTH = 4096;

    static VisitedUrl parse(String url) {
        int end = Math.min(url.length(), MAX_LENGTH);
        int scheme = url.indexOf("://");
        if (scheme < 0 || scheme > 32) {
            return new VisitedUrl("", "");
        }
        int hostStart = scheme + 3;
        int hostEnd = hostStart;
        while (hostEnd < end) {
            char c = url.charAt(hostEnd);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            hostEnd++;
        }
        int at = url.lastIndexOf('@', hostEnd - 1);
        if (at >= hostStart) {
            hostStart = at + 1;
        }
        int portColon = -1;
        if (hostStart < hostEnd && url.charAt(hostStart) == '[') {
            int close = url.indexOf(']', hostStart);
            if (close > 0 && close < hostEnd) {
                portColon = close + 1 < hostEnd && url.charAt(close + 1) == ':' ? close + 1 : -1;
            }
        } else {
            portColon = url.indexOf(':', hostStart);
            portColon = portColon >= 0 && portColon < hostEnd ? portColon : -1;
        }
        int nameEnd = portColon >= 0 ? portColon : hostEnd;
        if (nameEnd > hostStart && url.charAt(nameEnd - 1) == '.') {
            nameEnd--;
        }
        String host = HostName.ofVisit(url.substring(hostStart, nameEnd));
        int pathEnd = url.indexOf('#', hostEnd);
        pathEnd = pathEnd < 0 || pathEnd > end ? end : pathEnd;
        String path = hostEnd < pathEnd ? url.substring(hostEnd, pathEnd) : "";
        return new VisitedUrl(host, path);
    }

    /** The host without a leading {@code www.}, as URL-prefix lists write it. */
    String siteHost() {
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** The path and query in lower case, as URL-prefix and expression lists compare them. */
    String lowerPath() {
        return path.toLowerCase(Locale.ROOT);
    }
}
