package org.nestguard.console.web;

import java.util.Map;

/**
 * What a form on a quarantine page came to when it is shown again: which form, the refusal to show beside it, and
 * what the person typed, so nothing is lost. {@link #NONE} when the page is shown fresh.
 */
public record FormOutcome(String form, String error, Map<String, String> values) {
    public static final FormOutcome NONE = new FormOutcome("", null, Map.of());

    /** The error, when it belongs to this form. */
    public String errorFor(String name) {
        return form.equals(name) ? error : null;
    }

    /** What was typed in this field of this form, or an empty string. */
    public String value(String name, String field) {
        return form.equals(name) ? values.getOrDefault(field, "") : "";
    }

    /** Whether this checkbox of this form was ticked. */
    public boolean ticked(String name, String field) {
        return form.equals(name) && values.containsKey(field);
    }
}
