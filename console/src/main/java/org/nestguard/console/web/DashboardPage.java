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
import org.nestguard.console.compliance.OffPremises;
import org.nestguard.console.compliance.SettingCompliance;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.compliance.PremisesCheck;
import org.nestguard.console.jobs.ComplianceDayJob;
import org.nestguard.console.store.ComplianceDay;
import org.nestguard.console.store.ComplianceDays;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.Settings;

/**
 * {@code GET /dashboard[?setting=ID&days=N]}: a setting's compliance: the share of devices passing each control,
 * the failing devices with the clause each check cites, the 30-day trend, devices not seen for N days (7 unless
 * chosen) and devices off the premises unencrypted, each list the first {@value #SHOWN} by hostname. The figures are
 * counted by the store, so a setting of thousands of devices reads a few hundred rows; it writes nothing.
 */
final class DashboardPage implements Handler {
    static final int DEFAULT_NOT_SEEN_DAYS = 7;
    /** How many devices each list on the dashboard shows before linking to the device list. */
    public static final int SHOWN = 50;

    private final Settings settings;
    private final Fleets fleets;
    private final Devices devices;
    private final ComplianceDayJob trend;
    private final ComplianceDays days;
    private final PremisesCheck premises;
    private final Clock clock;
    private final PageRenderer renderer;

    DashboardPage(Settings settings, Fleets fleets, Devices devices, ComplianceDayJob trend, ComplianceDays days,
                  PremisesCheck premises, Clock clock, PageRenderer renderer) {
        this.settings = settings;
        this.fleets = fleets;
        this.devices = devices;
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
        SettingCompliance compliance = fleets.compliance(acting.id());
        LocalDate today = trend.today();
        LocalDate first = today.minusDays(ComplianceDayJob.DAYS - 1);
        // a view only reads: past days come from the record, today from the figures just read (the job records
        // today's row hourly), so viewing the dashboard writes nothing however often it is shown
        List<ComplianceDay> rows = new ArrayList<>(days.between(acting.id(), first, today.minusDays(1)));
        rows.addAll(compliance.day(today));
        List<TrendChart> charts = compliance.controlNames().stream()
                .map(control -> TrendChart.of(control, rows, first, ComplianceDayJob.DAYS)).toList();
        List<Device> notSeen = devices.inSettingWhere(acting.id(), null,
                clock.instant().minus(Duration.ofDays(notSeenDays)), null);
        List<OffPremises> offPremises = fleets.unencryptedOffPremises(acting.id(), premises,
                settings.currentParsedPolicy(acting.id()).orElse(null));
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", acting);
        model.put("devices", compliance.devices());
        model.put("shares", compliance.controls());
        model.put("failing", fleets.failing(compliance, SHOWN));
        model.put("charts", charts);
        model.put("notSeenDays", notSeenDays);
        model.put("notSeen", first(notSeen));
        model.put("notSeenTotal", notSeen.size());
        model.put("offPremises", first(offPremises));
        model.put("offPremisesTotal", offPremises.size());
        renderer.render(ctx, "dashboard.jte", model);
    }

    // a list of every device would make the page as long as the fleet: the device list pages through the rest
    private static <T> List<T> first(List<T> all) {
        return all.subList(0, Math.min(SHOWN, all.size()));
    }
}
