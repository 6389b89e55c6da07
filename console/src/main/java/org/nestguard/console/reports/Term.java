package org.nestguard.console.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nestguard.console.web.DateField;
import org.nestguard.console.web.PageRefusal;

/**
 * A reporting period of whole days, first to last inclusive: an English school term (autumn 1 September to 31
 * December, spring 1 January to 31 March, summer 1 April to 31 August, so the year is covered with no gap) or any
 * dates a person gives.
 *
 * @param id    {@code autumn-2026} for a term, null for dates given by hand
 * @param label what the page calls it, such as "Autumn term 2026"
 */
public record Term(String id, String label, LocalDate first, LocalDate last) {
    public Term {
        if (last.isBefore(first)) {
            throw new PageRefusal(400, "The dates are the wrong way round", "The period ends (" + last
                    + ") before it starts (" + first + "): give the earlier date in From and the later one in To.");
        }
    }

    /** The school terms, in the order of the year. */
    enum Season {
        SPRING(Month.JANUARY, Month.MARCH), SUMMER(Month.APRIL, Month.AUGUST), AUTUMN(Month.SEPTEMBER, Month.DECEMBER);

        final Month first;
        final Month last;

        Season(Month first, Month last) {
            this.first = first;
            this.last = last;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The term a day falls in. */
    public static Term containing(LocalDate day) {
        for (Season season : Season.values()) {
            if (day.getMonthValue() <= season.last.getValue()) {
                return of(season, day.getYear());
            }
        }
        throw new IllegalStateException("every month is in a term");
    }

    /** A term by its id ({@code spring-2026}), or a 400 page saying what an id looks like. */
    public static Term parse(String id) {
        String[] parts = id.strip().toLowerCase(Locale.ROOT).split("-", 2);
        try {
            return of(Season.valueOf(parts[0].toUpperCase(Locale.ROOT)), Integer.parseInt(parts[1]));
        } catch (RuntimeException e) {
            throw new PageRefusal(400, "No such term", "'" + id.strip() + "' is not a term: choose one from the "
                    + "list, or give the dates in From and To.");
        }
    }

    /** The period of any dates given by hand. */
    public static Term between(LocalDate first, LocalDate last) {
        return new Term(null, first + " to " + last, first, last);
    }

    /** This term and the five before it, newest first, for the picker. */
    public static List<Term> recent(LocalDate today) {
        List<Term> terms = new ArrayList<>();
        Term term = containing(today);
        for (int i = 0; i < 6; i++) {
            terms.add(term);
            term = containing(term.first().minusDays(1));
        }
        return terms;
    }

    private static Term of(Season season, int year) {
        LocalDate first = LocalDate.of(year, season.first, 1);
        LocalDate last = LocalDate.of(year, season.last, 1).withDayOfMonth(season.last.length(
                java.time.Year.isLeap(year)));
        String name = season.id();
        return new Term(name + "-" + year, Character.toUpperCase(name.charAt(0)) + name.substring(1) + " term "
                + year, first, last);
    }

    /** The first moment of the period, midnight in London. */
    public Instant from() {
        return first.atStartOfDay(DateField.ZONE).toInstant();
    }

    /** The moment after its last day ends. */
    public Instant to() {
        return last.plusDays(1).atStartOfDay(DateField.ZONE).toInstant();
    }
}
