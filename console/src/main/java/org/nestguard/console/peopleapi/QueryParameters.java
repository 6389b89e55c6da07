package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nestguard.console.server.ApiProblem;

/** Reads a request's query parameters, refusing a malformed one with a 400 that names it and shows a good value. */
final class QueryParameters {
    private static final int MAX_TEXT = 300;

    private final Context ctx;

    /**
     * Refuses a parameter the route does not take: a misspelt filter must not quietly widen a search. Every route
     * takes {@code setting}, the setting the call acts in ({@link CallerSetting}).
     */
    QueryParameters(Context ctx, String... taken) {
        this.ctx = ctx;
        Set<String> known = new TreeSet<>(List.of(taken));
        known.add(CallerSetting.PARAMETER);
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                throw new ApiProblem(400, "malformed-request", "This route takes no parameter '" + name + "'; it "
                        + "takes " + String.join(", ", known));
            }
        }
    }

    /** The parameter's text, stripped; null when absent or blank. */
    String text(String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw bad(name, value.substring(0, 20) + "...", "at most " + MAX_TEXT + " characters");
        }
        return value.strip();
    }

    /** An ISO-8601 instant (2026-01-12T09:00:00Z) or a date (2026-01-12, meaning its start in UTC); null if absent. */
    Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(name, value, "a time such as 2026-01-12T09:00:00Z or a date such as 2026-01-12");
        }
    }

    /** How many rows to return: 1 to max, {@code whenAbsent} when not given. */
    int limit(int whenAbsent, int max) {
        String value = text("limit");
        if (value == null) {
            return whenAbsent;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw bad("limit", value, "a whole number from 1 to " + max);
    }

    /** A whole number, or null when absent. */
    Long number(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(name, value, "a whole number, as the previous page's 'next' gave it");
        }
    }

    static ApiProblem bad(String name, String value, String expected) {
        return new ApiProblem(400, "malformed-request", name + " is '" + value + "'; give " + expected);
    }
}
