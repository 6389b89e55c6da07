package org.nestguard.agent.classify;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Host names as the domain lists hold them: lower-case ASCII (internationalised names in their {@code xn--} form,
 * through {@link IDN#toASCII}), no trailing dot, no port. The same rules apply to list entries and to visited
 * hosts, so a list written as {@code BÜCHER.example} matches a visit to {@code xn--bcher-kva.example}.
 */
public final class HostName {
    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    private HostName() {
    }

    /**
     * The host in list form, or empty when {@code text} is not a host name: a label empty or longer than 63
     * characters, a character other than a letter, digit, hyphen or underscore (underscores are not valid in
     * host names but real lists and real sites use them), or more than 253 characters.
     */
    public static Optional<String> normalise(String text) {
        String host = text.strip();
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        if (!isAscii(host)) {
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        return valid(host) ? Optional.of(host) : Optional.empty();
    }

    /** A visited host in list form, as well as it can be made: never fails, so a visit is always classified. */
    static String ofVisit(String host) {
        // One pass for the common case: ASCII, most often lower case already.
        boolean upper = false;
        for (int i = 0, n = host.length(); i < n; i++) {
            char c = host.charAt(i);
            if (c >= 0x80) {
                return ofUnicode(host);
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        return upper ? host.toLowerCase(Locale.ROOT) : host;
    }

    private static String ofUnicode(String host) {
        try {
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return host.toLowerCase(Locale.ROOT);
        }
    }

    /** Whether {@code host} is a literal IPv4 or IPv6 address, which has no parent domains. */
    static boolean isAddress(String host) {
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !host.isEmpty();
    }

    private static boolean valid(String host) {
        if (host.length() > MAX_LENGTH) {
            return false;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.length() > 2;
        }
        int label = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                if (++label > MAX_LABEL) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return label > 0;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
