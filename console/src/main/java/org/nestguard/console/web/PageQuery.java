package org.nestguard.console.web;

import io.javalin.http.Context;

/** A page's optional query parameters, read with a 400 page saying what was wrong when one does not fit. */
final class PageQuery {
    private PageQuery() {
    }

    /** The whole number in {@code name}, within [min, max]; the default when absent or blank. */
    static int wholeNumber(Context ctx, String name, int defaultValue, int min, int max, String meaning) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same words as a number out of range
        }
        throw new PageRefusal(400, "Check the filter", "'" + shorten(text) + "' is not a usable " + meaning
                + ": give a whole number from " + min + " to " + max + ".");
    }

    /** The text in {@code name}, stripped, or null when absent or blank. */
    static String text(Context ctx, String name) {
        String text = ctx.queryParam(name);
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** At most 60 characters of what someone typed, for a message. */
    static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
