package org.nestguard.console.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** A date typed into a page's form ({@code YYYY-MM-DD}, as a date input sends it), read or refused clearly. */
public final class DateField {
    /** Settings are English schools: a day starts at midnight in London. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private DateField() {
    }

    /** The date in the query parameter, or null when it is absent or blank; a 400 page when it is not a date. */
    public static LocalDate of(Context ctx, String name, String label) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new PageRefusal(400, "Not a date", "'" + shortened(value) + "' in " + label + " is not a date: "
                    + "give one as YYYY-MM-DD, such as 2026-09-01, or use the date picker.");
        }
    }

    private static String shortened(String value) {
        String stripped = value.strip();
        return stripped.length() > 40 ? stripped.substring(0, 40) + "..." : stripped;
    }
}
