package org.nestguard.protocol.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/** The checks every policy record applies to its own fields; each failure names the field and what was expected. */
final class Fields {
    private Fields() {
    }

    static <T> T require(String field, T value, String expected) {
        if (value == null) {
            throw new PolicyFieldException(field, "missing; expected " + expected);
        }
        return value;
    }

    static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new PolicyFieldException(field, "missing or empty; expected text");
        }
        return value.strip();
    }

    static List<Clause> requireClauses(List<Clause> clauses) {
        if (clauses == null || clauses.isEmpty()) {
            throw new PolicyFieldException("clauses",
                    "missing; every control must cite at least one clause of the setting's policy "
                            + "as {section: \"7.5\", quote: \"...\"}");
        }
        return List.copyOf(clauses);
    }

    static <T> List<T> listOrEmpty(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    static Duration requireDuration(String field, Duration value, Duration min, Duration max, String example) {
        require(field, value, "a duration such as " + example);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new PolicyFieldException(field, "'" + value + "' is out of range; expected a duration from "
                    + min + " to " + max + ", such as " + example);
        }
        return value;
    }

    static Period requirePeriod(String field, Period value, int maxDays, String example) {
        require(field, value, "a period such as " + example);
        if (value.isNegative() || value.isZero() || approximateDays(value) > maxDays) {
            throw new PolicyFieldException(field, "'" + value + "' is out of range; expected a positive period of at most "
                    + maxDays + " days, such as " + example);
        }
        return value;
    }

    static long approximateDays(Period period) {
        return period.getYears() * 365L + period.getMonths() * 31L + period.getDays();
    }

    static void requireOrdered(String field, LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new PolicyFieldException(field, "ends on " + end + ", before it starts on " + start
                    + "; expected an end date on or after the start date");
        }
    }
}
