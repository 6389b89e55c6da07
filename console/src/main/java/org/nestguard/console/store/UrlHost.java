package org.nestguard.console.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The host of a visited URL, and the domains a search by domain matches it under. Parsed by hand, not with
 * java.net.URI, which gives no host for names browsers accept (an underscore, a space) and so would hide such
 * visits from a domain search.
 */
final class UrlHost {
    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");
    private static final int MAX_HOST = 253;

    private UrlHost() {
    }

    /** The URL's host in lower case without a trailing dot, or "" for URLs without one (about:, file:). */
    static String of(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return "";
        }
        String rest = url.substring(scheme + 3);
        int end = rest.length();
        for (char stop : new char[] {'/', '?', '#', '\\'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String authority = rest.substring(0, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = close < 0 ? authority : authority.substring(0, close + 1);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
        }
        host = host.strip().toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.length() > MAX_HOST ? "" : host;
    }

    /**
     * The host itself and each parent domain of at least two labels: www.example.co.uk gives www.example.co.uk,
     * example.co.uk and co.uk. An address literal or a one-label host gives only itself; no host, nothing.
     */
    static List<String> domains(String host) {
        if (host.isEmpty()) {
            return List.of();
        }
        if (host.startsWith("[") || IPV4.matcher(host).matches()) {
            return List.of(host);
        }
        List<String> domains = new ArrayList<>();
        domains.add(host);
        String[] labels = host.split("\\.", -1);
        for (int first = 1; first <= labels.length - 2; first++) {
            domains.add(String.join(".", java.util.Arrays.copyOfRange(labels, first, labels.length)));
        }
        return domains;
    }

    /**
     * A domain a person typed, as it is matched: lower case, no scheme, path or trailing dot. Refuses what cannot
     * be a host, saying what to give instead.
     */
    static String normalise(String typed) {
        String domain = typed.strip().toLowerCase(Locale.ROOT);
        if (domain.contains("://")) {
            domain = of(domain);
        }
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty() || domain.length() > MAX_HOST || domain.contains("/") || domain.contains(" ")
                || domain.startsWith(".")) {
            throw new IllegalArgumentException("domain '" + typed + "' is not a host name; give a domain such as "
                    + "example.com (its subdomains match too)");
        }
        return domain;
    }
}
