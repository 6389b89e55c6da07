package org.nestguard.agent.classify;

import java.util.Locale;
import java.util.Optional;

/**
 * URL-prefix list entries as UT1's {@code urls} files write them: host and path without scheme, such as
 * {@code example.com/casino}. An entry matches a visit to the same host (a leading {@code www.} ignored on both
 * sides) whose path starts with the entry's path at a segment boundary: {@code example.com/casino} matches
 * {@code /casino}, {@code /casino/}, {@code /casino/roulette} and {@code /casino?x=1}, not {@code /casinos}.
 * An entry with a query matches that query and its continuations at {@code &} or {@code ;}. Case is ignored;
 * percent-escapes are compared as written.
 */
public final class UrlPrefix {
    /** Most candidate prefixes one visit is looked up with; deeper paths match on their first segments. */
    static final int MAX_CANDIDATES = 64;

    private UrlPrefix() {
    }

    /** The entry in list form, or empty when it has no valid host. */
    public static Optional<String> normalise(String entry) {
        String text = entry.strip();
        int scheme = text.indexOf("://");
        if (scheme >= 0 && scheme <= 10) {
            text = text.substring(scheme + 3);
        }
        int hash = text.indexOf('#');
        if (hash >= 0) {
            text = text.substring(0, hash);
        }
        int slash = indexOfPathStart(text);
        Optional<String> host = HostName.normalise(slash < 0 ? text : text.substring(0, slash));
        if (host.isEmpty() || HostName.isAddress(host.get()) && host.get().indexOf(':') >= 0) {
            return Optional.empty();
        }
        String site = host.get().startsWith("www.") ? host.get().substring(4) : host.get();
        String path = slash < 0 ? "" : text.substring(slash).toLowerCase(Locale.ROOT);
        if (!path.isEmpty() && path.charAt(0) != '/') {
            path = "/" + path;
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return Optional.of(site + path);
    }

    /** Receives each prefix of a visit to look up: its hash and its length within {@code site + path}. */
    interface Candidates {
        void candidate(long hash, int length);
    }

    /**
     * Calls {@code out} for the bare site host and then for every prefix of {@code site + path} that ends at a
     * segment boundary, shortest first.
     */
    static void candidates(String site, String lowerPath, Candidates out) {
        long state = EntryHash.START;
        for (int i = 0; i < site.length(); i++) {
            state = EntryHash.step(state, site.charAt(i));
        }
        out.candidate(EntryHash.finish(state), site.length());
        int made = 1;
        boolean inQuery = false;
        for (int i = 0; i < lowerPath.length() && made < MAX_CANDIDATES; i++) {
            char c = lowerPath.charAt(i);
            boolean boundary = i > 0 && (c == '/' && !inQuery || c == '?' && !inQuery || inQuery && (c == '&' || c == ';'));
            if (boundary) {
                out.candidate(EntryHash.finish(state), site.length() + i);
                made++;
            }
            if (c == '?') {
                inQuery = true;
            }
            state = EntryHash.step(state, c);
        }
        if (!lowerPath.isEmpty() && made < MAX_CANDIDATES && !lowerPath.equals("/")) {
            out.candidate(EntryHash.finish(state), site.length() + lowerPath.length());
        }
    }

    private static int indexOfPathStart(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '?') {
                return i;
            }
        }
        return -1;
    }
}
