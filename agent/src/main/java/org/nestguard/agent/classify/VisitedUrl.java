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
 * @param pathStart where the path and query begin in {@code url}; they end at the fragment, or
 *                  {@value #MAX_LENGTH} characters at most
 */
record VisitedUrl(String host, String url, int pathStart) {
    /** Longest URL text the parser reads; longer URLs are classified on their first part. */
    static final int MAX_LENGTH = 4096;
    /** Where a scheme's "://" may be at most: further on, it is part of something else. */
    private static final int MAX_SCHEME = 32;

    static VisitedUrl parse(String url) {
        int scheme = schemeEnd(url);
        if (scheme < 0) {
            return new VisitedUrl("", url, url.length());
        }
        int end = Math.min(url.length(), MAX_LENGTH);
        int hostStart = scheme + 3;
        // One pass to the end of the authority: the last '@' ends the user part, and the first ':' after it
        // starts the port.
        int colon = -1;
        int hostEnd = hostStart;
        while (hostEnd < end) {
            char c = url.charAt(hostEnd);
            if (c == '/' || c == '?' || c == '#') {
                break;
            } else if (c == '@') {
                hostStart = hostEnd + 1;
                colon = -1;
            } else if (c == ':' && colon < 0) {
                colon = hostEnd;
            }
            hostEnd++;
        }
        int nameEnd;
        if (hostStart < hostEnd && url.charAt(hostStart) == '[') {
            int close = url.indexOf(']', hostStart);
            nameEnd = close > 0 && close < hostEnd ? close + 1 : hostEnd;
        } else {
            nameEnd = colon < 0 ? hostEnd : colon;
        }
        if (nameEnd > hostStart && url.charAt(nameEnd - 1) == '.') {
            nameEnd--;
        }
        return new VisitedUrl(HostName.ofVisit(url.substring(hostStart, nameEnd)), url, hostEnd);
    }

    /** Where the scheme's "://" is, when it is within the first {@value #MAX_SCHEME} characters; else -1. */
    static int schemeEnd(String url) {
        for (int i = 0, last = Math.min(url.length() - 3, MAX_SCHEME); i <= last; i++) {
            if (url.charAt(i) == ':' && url.charAt(i + 1) == '/' && url.charAt(i + 2) == '/') {
                return i;
            }
        }
        return -1;
    }

    /** The host without a leading {@code www.}, as expression lists see it. */
    String siteHost() {
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** The path and query in lower case, as URL-prefix and expression lists compare them. */
    String lowerPath() {
        int end = Math.min(url.length(), MAX_LENGTH);
        int pathEnd = url.indexOf('#', pathStart);
        pathEnd = pathEnd < 0 || pathEnd > end ? end : pathEnd;
        return url.substring(pathStart, Math.max(pathStart, pathEnd)).toLowerCase(Locale.ROOT);
    }
}
