package org.nestguard.console.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A page's query parameters and form fields, stripped, blank read as absent; a malformed one is refused with a
 * 400 page ({@link PageRefusal}) naming the field and showing a good value.
 */
final class PageInput {
    private static final int MAX_FILTER = 300;

    private final Context ctx;

    PageInput(Context ctx) {
        this.ctx = ctx;
    }

    /** The query parameter, stripped; null when absent or blank. */
    String query(String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_FILTER) {
            throw bad(name, value.substring(0, 20) + "...", "at most " + MAX_FILTER + " characters");
        }
        return value.strip();
    }

    /** The form field as sent (not stripped: the store checks and strips it); null when absent. */
    String form(String name) {
        return ctx.formParam(name);
    }

    /** Every value of a form field sent several times, such as ticked boxes. */
    List<String> formAll(String name) {
        return ctx.formParams(name).stream().filter(value -> !value.isBlank()).map(String::strip).toList();
    }

    /** A date (2026-01-12) in a query parameter: the start of that day in the school's time zone; null if absent. */
    Instant dayStart(String name) {
        LocalDate day = date(name, query(name));
        return day == null ? null : day.atStartOfDay(ShownTime.ZONE).toInstant();
    }

    /** A date in a query parameter meaning "up to and including": the start of the next day; null if absent. */
    Instant dayEnd(String name) {
        LocalDate day = date(name, query(name));
        return day == null ? null : day.plusDays(1).atStartOfDay(ShownTime.ZONE).toInstant();
    }

    /** A form's date and optional time (2026-01-12 and 14:30), in the school's time zone; null when no date. */
    Instant formDateTime(String dateField, String timeField) {
        String dateText = form(dateField);
        if (dateText == null || dateText.isBlank()) {
            return null;
        }
        LocalDate day = date(dateField, dateText.strip());
        String timeText = form(timeField);
        if (timeText == null || timeText.isBlank()) {
            return day.atStartOfDay(ShownTime.ZONE).toInstant();
        }
        try {
            return LocalDateTime.of(day, java.time.LocalTime.parse(timeText.strip())).atZone(ShownTime.ZONE)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw bad(timeField, timeText, "a time such as 14:30, or nothing");
        }
    }

    private static LocalDate date(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(name, text, "a date such as 2026-01-12");
        }
    }

    static PageRefusal bad(String name, String value, String expected) {
        return new PageRefusal(400, "Check the form", name + " is '" + value + "'; give " + expected + ".");
    }
}
