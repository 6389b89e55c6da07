package org.nestguard.console.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small-number rule, the school terms and the access record's CSV cells. */
class PeopleCountTest {
    @Test
    void countsFromOneToFourAreFewerThanFiveAndTheRestAreShownAsTheyAre() {
        assertEquals("0", PeopleCount.of(0));
        for (int n = 1; n <= 4; n++) {
            assertEquals("fewer than 5", PeopleCount.of(n), "count " + n);
        }
        assertEquals("5", PeopleCount.of(5));
        assertEquals("1234", PeopleCount.of(1234));
    }

    @Test
    void termsCoverTheYearWithNoGapAndParseByTheirIds() {
        assertEquals(new Term("spring-2026", "Spring term 2026", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)),
                Term.containing(LocalDate.of(2026, 3, 31)));
        assertEquals(LocalDate.of(2026, 8, 31), Term.containing(LocalDate.of(2026, 4, 1)).last());
        assertEquals(LocalDate.of(2026, 9, 1), Term.containing(LocalDate.of(2026, 12, 31)).first());
        assertEquals(Term.containing(LocalDate.of(2024, 5, 5)), Term.parse("Summer-2024"));
        List<Term> recent = Term.recent(LocalDate.of(2026, 2, 10));
        assertEquals(List.of("spring-2026", "autumn-2025", "summer-2025", "spring-2025", "autumn-2024",
                "summer-2024"), recent.stream().map(Term::id).toList());
        for (int i = 1; i < recent.size(); i++) {
            assertEquals(recent.get(i - 1).first().minusDays(1), recent.get(i).last(), "no gap between terms");
        }
        assertEquals(Term.containing(LocalDate.of(2026, 1, 1)).to(), Term.containing(LocalDate.of(2026, 4, 1))
                .from(), "a term ends where the next starts");
    }

    @Test
    void csvCellsAreQuotedAndCannotStartAFormula() {
        assertEquals("plain", org.nestguard.console.web.CsvRows.cell("plain"));
        assertEquals("\"a, b\"", org.nestguard.console.web.CsvRows.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", org.nestguard.console.web.CsvRows.cell("say \"hi\""));
        assertEquals("'=HYPERLINK(1)", org.nestguard.console.web.CsvRows.cell("=HYPERLINK(1)"));
        assertEquals("'@cmd", org.nestguard.console.web.CsvRows.cell("@cmd"));
    }
}
