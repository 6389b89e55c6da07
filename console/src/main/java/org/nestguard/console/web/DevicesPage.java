package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nestguard.console.compliance.ControlResult;
import org.nestguard.console.compliance.ControlStatus;
import org.nestguard.console.compliance.Fleet;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.compliance.PremisesCheck;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.policy.Policy;

/**
 * {@code GET /devices}: the setting's devices, narrowed by a failing control, days not seen, off the premises, OS
 * or part of the hostname, {@value DeviceFilter#PAGE_SIZE} to a page.
 */
final class DevicesPage implements Handler {
    private final Settings settings;
    private final Fleets fleets;
    private final PremisesCheck premises;
    private final Clock clock;
    private final PageRenderer renderer;

    DevicesPage(Settings settings, Fleets fleets, PremisesCheck premises, Clock clock, PageRenderer renderer) {
        this.settings = settings;
        this.fleets = fleets;
        this.premises = premises;
        this.clock = clock;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        ActingSetting acting = ActingDevice.actingOrRefuse(ctx, settings);
        DeviceFilter filter = DeviceFilter.of(ctx);
        Fleet fleet = fleets.of(acting.id());
        Policy policy = settings.currentParsedPolicy(acting.id()).orElse(null);
        Instant now = clock.instant();
        List<DeviceRow> matching = fleet.devices().stream()
                .map(device -> new DeviceRow(device, fleet.results(device.id()).stream()
                        .filter(result -> ControlStatus.of(result.status()) == ControlStatus.FAILING)
                        .map(ControlResult::control).toList(), premises.onPremises(device, policy)))
                .filter(row -> filter.matches(row, fleet, now)).toList();
        int pages = Math.max(1, (matching.size() + DeviceFilter.PAGE_SIZE - 1) / DeviceFilter.PAGE_SIZE);
        int page = Math.min(filter.page(), pages);
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", acting);
        model.put("filter", filter);
        model.put("controls", fleet.controls());
        model.put("systems", fleet.devices().stream().map(device -> device.facts().osName())
                .filter(Objects::nonNull).distinct().sorted().toList());
        model.put("rows", matching.subList((page - 1) * DeviceFilter.PAGE_SIZE,
                Math.min(matching.size(), page * DeviceFilter.PAGE_SIZE)));
        model.put("total", fleet.devices().size());
        model.put("matched", matching.size());
        model.put("page", page);
        model.put("pages", pages);
        renderer.render(ctx, "devices.jte", model);
    }
}
