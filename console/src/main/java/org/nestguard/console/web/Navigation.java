package org.nestguard.console.web;

import java.util.List;
import org.nestguard.console.auth.Account;

/**
 * The bar at the top of every signed-in page: who is signed in, the pages their roles open (and no others), and
 * the CSRF token the sign-out form carries.
 */
public record Navigation(String personName, List<Link> links, String csrfToken) {
    /** One entry: where it goes, what it says, whether it is the page being shown. */
    public record Link(String href, String label, boolean current) {
        /** The element id pages and tests find the link by, such as {@code nav-accounts}. */
        public String id() {
            return "nav-" + label.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        }
    }

    private record Entry(String href, String label, PageAccess access) {
    }

    // every signed-in page that belongs in the bar, in order; later issues add theirs here
    private static final List<Entry> ENTRIES = List.of(
            new Entry(WebPages.HOME, "Home", PageAccess.SIGNED_IN),
            new Entry(WebPages.DASHBOARD, "Dashboard", PageAccess.DASHBOARD),
            new Entry(WebPages.DEVICES, "Devices", PageAccess.DEVICES),
            new Entry(WebPages.TOKENS, "Tokens", PageAccess.DEVICE_ADMIN),
            new Entry(WebPages.FLAGS, "Flags", PageAccess.FLAGS),
            new Entry(WebPages.HISTORY, "History", PageAccess.FLAGS),
            new Entry(WebPages.CASES, "Concerns", PageAccess.CASES),
            new Entry(WebPages.QUARANTINE, "Quarantine", PageAccess.QUARANTINE),
            new Entry(WebPages.POLICIES, "Policies", PageAccess.POLICY_READ),
            new Entry(WebPages.REPORTS, "Reports", PageAccess.SIGNED_IN),
            new Entry(WebPages.AUDIT, "Audit", PageAccess.AUDIT),
            new Entry(WebPages.RETENTION, "Retention", PageAccess.RETENTION),
            new Entry(WebPages.ACCOUNTS, "Accounts", PageAccess.ACCOUNTS));

    // a report or the chain check belongs to its section: /reports/governors marks Reports as current
    private static boolean isCurrent(String href, String currentPath) {
        return href.equals(currentPath) || (!href.equals(WebPages.HOME) && currentPath.startsWith(href + "/"));
    }

    /** The headers htmx adds to every request it makes from the page: the CSRF token, as JSON. */
    public String htmxHeaders() {
        // the token is Base64url, so it needs no escaping inside the JSON string
        return "{\"" + PageGate.CSRF_HEADER + "\": \"" + csrfToken + "\"}";
    }

    /** The bar for this account on this page. */
    public static Navigation of(Account account, String currentPath, String csrfToken) {
        List<Link> links = ENTRIES.stream().filter(entry -> entry.access().admits(account))
                .map(entry -> new Link(entry.href(), entry.label(), isCurrent(entry.href(), currentPath))).toList();
        return new Navigation(account.name(), links, csrfToken);
    }
}
