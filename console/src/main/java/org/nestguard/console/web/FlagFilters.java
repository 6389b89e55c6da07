package org.nestguard.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flag queue's filters as the form holds them (text, blank for any), so the page shows what was asked for
 * and its Next link keeps them. {@code state} is "new" unless another state or "all" is chosen.
 */
public record FlagFilters(String state, String severity, String category, String device, String account,
                          String from, String to) {

    /** The queue with these filters, in this setting, from this page position (null: the first page). */
    public String link(ActingSetting acting, String before) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("state", state);
        values.put("severity", severity);
        values.put("category", category);
        values.put("device", device);
        values.put("account", account);
        values.put("from", from);
        values.put("to", to);
        values.put("before", before);
        return acting.link(WebPages.FLAGS) + query(values);
    }

    /** "&name=value..." for each value given. */
    static String query(Map<String, String> values) {
        StringBuilder query = new StringBuilder();
        values.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    /** Whether this is the state chosen, for the form's select. */
    public boolean stateIs(String id) {
        return id.equals(state);
    }

    /** Whether this is the severity chosen. */
    public boolean severityIs(String id) {
        return id.equals(severity);
    }
}
