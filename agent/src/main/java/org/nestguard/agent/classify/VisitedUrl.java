package org.nestguard.agent.classify;

import java.util.Locale;

/**
 * The parts of a visited URL the lists look at: the host in list form and the path with its query, without
 * scheme, user, port or fragment. Parsed by hand rather than by {@link java.net.URI}: browsers store URLs that
 * {@code URI} refuses (spaces, unescaped non-ASCII), and every visit must be classified. The path is cut out only
 * when a URL list asks for it.
 *
 * @param host      the host in {@link HostName} form; empty for URLs without one ({@code about:}, {@code data:})
 * @param url       the URL as visited
 * @param pathStart where the path and query begin in {@code url}
 * @param pathEnd   where they end (the fragment, or {@value #MAX_LENGTH} characters at most)
 */
record VisitedUrl(String host, String url, int pathStart, int pathEnd) {
    /** Longest URL text the parser reads; longer URLs are classified on their first part. */
    static final int MAX_LENGTH = 4096;

    static VisitedUrl parse(String url) {
        int end = Math.min(url.length(), MAX_LENGTH);
        int scheme = url.indexOf("://");
        if (scheme < 0 || scheme > 32) {
            return new VisitedUrl("", url, 0, 0);
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
        int nameEnd = hostEnd;
        if (hostStart < hostEnd && url.charAt(hostStart) == '[') {
            int close = url.indexOf(']', hostStart);
            nameEnd = close > 0 && close < hostEnd ? close + 1 : hostEnd;
        } else {
            int colon = url.indexOf(':', hostStart);
            nameEnd = colon >= 0 && colon < hostEnd ? colon : hostEnd;
        }
        if (nameEnd > hostStart && url.charAt(nameEnd - 1) == '.') {
            nameEnd--;
        }
        String host = HostName.ofVisit(url.substring(hostStart, nameEnd));
        int pathEnd = url.indexOf('#', hostEnd);
        pathEnd = pathEnd < 0 || pathEnd > end ? end : pathEnd;
        return new VisitedUrl(host, url, hostEnd, Math.max(hostEnd, pathEnd));
    }

    /** The host without a leading {@code www.}, as expression lists see it. */
    String siteHost() {
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** The path and query in lower case, as URL-prefix and expression lists compare them. */
    String lowerPath() {
        return url.substring(pathStart, pathEnd).toLowerCase(Locale.ROOT);
    }
}
