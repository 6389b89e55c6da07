package org.nestguard.console.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The filters the audit page was asked for, to show them back in its form and keep them in its paging link. */
public record AuditFilters(String actor, String action, String target, String from, String to, boolean all) {
    public AuditFilters {
        actor = actor == null ? "" : actor;
        action = action == null ? "" : action;
        target = target == null ? "" : target;
    }

    /** "?actor=...&" with every filter given, ready for one more parameter. */
    public String query() {
        StringBuilder query = new StringBuilder("?");
        add(query, "actor", actor);
        add(query, "action", action);
        add(query, "target", target);
        add(query, "from", from);
        add(query, "to", to);
        add(query, "all", all ? "1" : "");
        return query.toString();
    }

    private static void add(StringBuilder query, String name, String value) {
        if (!value.isEmpty()) {
            query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
        }
    }
}
