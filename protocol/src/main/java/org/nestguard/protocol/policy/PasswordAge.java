package org.nestguard.protocol.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * How often passwords must be changed: a fixed period ({@code P1Y}, {@code P1M}), once a term ({@code term}:
 * a password set before the current term began is overdue) or not at all ({@code none}).
 */
public sealed interface PasswordAge {
    /** Written in YAML as {@code none}. */
    record NoLimit() implements PasswordAge {
        @Override
        public String toString() {
            return "none";
        }
    }

    /** Written in YAML as {@code term}. */
    record EveryTerm() implements PasswordAge {
        @Override
        public String toString() {
            return "term";
        }
    }

    /** Written in YAML as an ISO-8601 period. */
    record Every(Period period) implements PasswordAge {
        public Every {
            Fields.requirePeriod("maxAge", period, 5 * 365, "P1Y");
        }

        @Override
        public String toString() {
            return period.toString();
        }
    }

    @JsonCreator
    static PasswordAge parse(String text) {
        String expected = "; expected 'none', 'term' or a period such as P1M (a month) or P1Y (a year)";
        if (text == null || text.isBlank()) {
            throw new PolicyFieldException("maxAge", "missing" + expected);
        }
        switch (text.strip()) {
            case "none":
                return new NoLimit();
            case "term":
                return new EveryTerm();
            default:
                try {
                    return new Every(Period.parse(text.strip()));
                } catch (DateTimeParseException e) {
                    throw new PolicyFieldException("maxAge", "'" + text + "' is not understood" + expected);
                }
        }
    }

    @JsonValue
    default String yaml() {
        return toString();
    }
}
