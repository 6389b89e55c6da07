package org.nestguard.console.reports;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.nestguard.console.store.SelfTests;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.DateField;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.SignedIn;

/**
 * {@code GET /reports/self-tests?setting=&from=&to=}: the dated log of the setting's monitoring self-tests for
 * the annual review, oldest first (every test when no dates are given); the read is audited by the store.
 */
public final class SelfTestLogPage implements Handler {
    private final Settings settings;
    private final SelfTests selfTests;
    private final PageRenderer renderer;

    public SelfTestLogPage(Settings settings, SelfTests selfTests, PageRenderer renderer) {
        this.settings = settings;
        this.selfTests = selfTests;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        ActingSetting acting = ActingSetting.of(ctx, settings).orElseThrow(Reports::noSetting);
        LocalDate from = DateField.of(ctx, "from", "From");
        LocalDate to = DateField.of(ctx, "to", "To");
        if (from != null && to != null) {
            Term.between(from, to); // refuses dates the wrong way round
        }
        Instant fromTime = from == null ? null : from.atStartOfDay(DateField.ZONE).toInstant();
        Instant toTime = to == null ? null : to.plusDays(1).atStartOfDay(DateField.ZONE).toInstant();
        List<SelfTestLine> lines = selfTests.log(acting.person(), acting.id(), fromTime, toTime).stream()
                .map(SelfTestLine::new).toList();
        long passed = lines.stream().filter(line -> line.reason().isEmpty()).count();
        renderer.render(ctx, "reports/selftests.jte", Map.of("navigation", SignedIn.of(ctx).navigation(ctx),
                "acting", acting, "from", from == null ? "" : from.toString(), "to", to == null ? "" : to.toString(),
                "lines", lines, "passed", passed));
    }
}
