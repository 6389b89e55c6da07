package org.nestguard.console.reports;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import org.nestguard.console.web.DateField;
import org.nestguard.console.web.PageRefusal;

/** The period a report page shows: {@code ?from=&to=} dates, else {@code ?term=}, else the current term. */
final class Period {
    private Period() {
    }

    static Term of(Context ctx, Clock clock) {
        LocalDate from = DateField.of(ctx, "from", "From");
        LocalDate to = DateField.of(ctx, "to", "To");
        if (from != null || to != null) {
            if (from == null || to == null) {
                throw new PageRefusal(400, "Give both dates", "A period needs both From and To; give both, or "
                        + "choose a term instead.");
            }
            return Term.between(from, to);
        }
        String term = ctx.queryParam("term");
        if (term != null && !term.isBlank()) {
            return Term.parse(term);
        }
        return Term.containing(LocalDate.now(clock.withZone(DateField.ZONE)));
    }
}
