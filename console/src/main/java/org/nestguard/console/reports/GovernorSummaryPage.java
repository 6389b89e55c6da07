package org.nestguard.console.reports;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.nestguard.console.store.Settings;
import org.nestguard.console.store.TermFigures;
import org.nestguard.console.store.TermSummaries;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.DateField;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.SignedIn;

/**
 * {@code GET /reports/governors?setting=&term=|from=&to=}: the termly summary for the governors, figures only
 * (no names of children, staff, devices or accounts, no URLs), people-related counts under 5 shown as "fewer than
 * 5", printable.
 */
public final class GovernorSummaryPage implements Handler {
    private final Settings settings;
    private final TermSummaries summaries;
    private final PageRenderer renderer;
    private final Clock clock;

    public GovernorSummaryPage(Settings settings, TermSummaries summaries, PageRenderer renderer, Clock clock) {
        this.settings = settings;
        this.summaries = summaries;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        ActingSetting acting = ActingSetting.of(ctx, settings).orElseThrow(Reports::noSetting);
        Term term = Period.of(ctx, clock);
        TermFigures figures = summaries.figures(acting.person(), acting.id(), term.from(), term.to());
        renderer.render(ctx, "reports/governors.jte", Map.of("navigation", SignedIn.of(ctx).navigation(ctx),
                "acting", acting, "term", term, "terms", Term.recent(LocalDate.now(clock.withZone(DateField.ZONE))),
                "figures", figures));
    }
}
