package org.nestguard.agent.classify;

import java.util.Locale;
import java.util.Optional;

/**
 * URL-prefix list entries as UT1's {@code urls} files write them: host and path without scheme, such as
 * {@code example.com/casino}. An entry matches a visit to that host or one of its subdomains (so
 * {@code reddit.com/r/x} covers {@code www.}, {@code old.} and {@code m.reddit.com/r/x}) whose path starts with
 * the entry's path at a segment boundary: {@code example.com/casino} matches {@code /casino}, {@code /casino/},
 * {@code /casino/roulette} and {@code /casino?x=1}, not {@code /casinos}.
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

    /** Receives each prefix of a visit to look up: its hash, where its host starts and where its path ends. */
    interface Candidates {
        void candidate(long hash, int hostFrom, int pathTo);
    }

    /**
     * Calls {@code out} for the host and each parent domain but the bare top-level one (an address: itself only),
     * each alone and followed by every prefix of {@code lowerPath} that ends at a segment boundary.
     */
    static void candidates(String host, String lowerPath, Candidates out) {
        int made = 0;
        boolean address = HostName.isAddress(host);
        for (int from = 0; from >= 0 && made < MAX_CANDIDATES; from = address ? -1 : host.indexOf('.', from) + 1) {
            if (from > 0 && host.indexOf('.', from) < 0) {
                break;
            }
            made += candidates(host, from, lowerPath, out, MAX_CANDIDATES - made);
            if (from == 0 && address) {
                break;
            }
        }
    }

    private static int candidates(String host, int from, String lowerPath, Candidates out, int budget) {
        long state = EntryHash.START;
        for (int i = from; i < host.length(); i++) {
            state = EntryHash.step(state, host.charAt(i));
        }
        out.candidate(EntryHash.finish(state), from, 0);
        int made = 1;
        boolean inQuery = false;
        for (int i = 0; i < lowerPath.length() && made < budget; i++) {
            char c = lowerPath.charAt(i);
            boolean boundary = i > 0 && (inQuery ? c == '&' || c == ';' : c == '/' || c == '?');
            if (boundary) {
                out.candidate(EntryHash.finish(state), from, i);
                made++;
            }
            if (c == '?') {
                inQuery = true;
            }
            state = EntryHash.step(state, c);
        }
        if (lowerPath.length() > 1 && made < budget) {
            out.candidate(EntryHash.finish(state), from, lowerPath.length());
            made++;
        }
        return made;
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
