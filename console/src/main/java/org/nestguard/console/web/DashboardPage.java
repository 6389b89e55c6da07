package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.compliance.Fleet;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.compliance.PremisesCheck;
import org.nestguard.console.jobs.ComplianceDayJob;
import org.nestguard.console.peopleapi.SettingPolicies;
import org.nestguard.console.store.ComplianceDay;
import org.nestguard.console.store.ComplianceDays;
import org.nestguard.console.store.Settings;

/**
 * {@code GET /dashboard[?setting=ID&days=N]}: a setting's compliance: the share of devices passing each control,
 * the failing devices with the clause each check cites (the first {@value FailingControl#SHOWN} per control), the
 * 30-day trend, devices not seen for N days (7 unless chosen) and devices off the premises unencrypted. Two queries
 * for the devices and their latest results, however many, one for the past days' record; it writes nothing.
 */
final class DashboardPage implements Handler {
    static final int DEFAULT_NOT_SEEN_DAYS = 7;

    private final Settings settings;
    private final Fleets fleets;
    private final ComplianceDayJob trend;
    private final ComplianceDays days;
    private final PremisesCheck premises;
    private final Clock clock;
    private final PageRenderer renderer;

    DashboardPage(Settings settings, Fleets fleets, ComplianceDayJob trend, ComplianceDays days,
                  PremisesCheck premises, Clock clock, PageRenderer renderer) {
        this.settings = settings;
        this.fleets = fleets;
        this.trend = trend;
        this.days = days;
        this.premises = premises;
        this.clock = clock;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        ActingSetting acting = ActingDevice.actingOrRefuse(ctx, settings);
        int notSeenDays = PageQuery.wholeNumber(ctx, "days", DEFAULT_NOT_SEEN_DAYS, 1, 365, "number of days");
        Fleet fleet = fleets.of(acting.id());
        LocalDate today = trend.today();
        LocalDate first = today.minusDays(ComplianceDayJob.DAYS - 1);
        // a view only reads: past days come from the record, today from the results just read (the job records
        // today's row hourly), so viewing the dashboard writes nothing however often it is shown
        List<ComplianceDay> rows = new ArrayList<>(days.between(acting.id(), first, today.minusDays(1)));
        rows.addAll(fleet.day(today));
        List<TrendChart> charts = fleet.controls().stream()
                .map(control -> TrendChart.of(control, rows, first, ComplianceDayJob.DAYS)).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", acting);
        model.put("devices", fleet.devices().size());
        model.put("shares", fleet.compliance());
        model.put("failing", FailingControl.of(fleet.failing()));
        model.put("charts", charts);
        model.put("notSeenDays", notSeenDays);
        model.put("notSeen", fleet.notSeenFor(Duration.ofDays(notSeenDays), clock.instant()));
        model.put("offPremises", fleet.unencryptedOffPremises(premises,
                new SettingPolicies(settings).current(acting.id())));
        renderer.render(ctx, "dashboard.jte", model);
    }
}
