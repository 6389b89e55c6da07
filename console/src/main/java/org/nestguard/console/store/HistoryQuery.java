package org.nestguard.console.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A history search; null means any. {@code domain} matches the host and its subdomains; {@code category} keeps
 * visits that carry a flag of it; {@code before} is the {@code next} of the previous page.
 */
public record HistoryQuery(String deviceId, String account, Instant from, Instant to, String domain, String category,
                           int limit, String before) {
    public HistoryQuery {
        domain = domain == null ? null : UrlHost.normalise(domain);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " is not before to " + to + "; give a from "
                    + "earlier than to");
        }
    }

    /** The search for the audit log: each filter given, by name. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (deviceId != null) {
            parts.add("device=" + deviceId);
        }
        if (account != null) {
            parts.add("account=" + account);
        }
        if (from != null) {
            parts.add("from=" + from);
        }
        if (to != null) {
            parts.add("to=" + to);
        }
        if (domain != null) {
            parts.add("domain=" + domain);
        }
        if (category != null) {
            parts.add("category=" + category);
        }
        parts.add("limit=" + limit);
        if (before != null) {
            parts.add("before=" + before);
        }
        return String.join("; ", parts);
    }
}
