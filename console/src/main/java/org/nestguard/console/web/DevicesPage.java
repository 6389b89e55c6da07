package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.compliance.PremisesCheck;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.policy.Policy;

/**
 * {@code GET /devices}: the setting's devices, narrowed by a failing control, days not seen, off the premises, OS
 * or part of the hostname, {@value DeviceFilter#PAGE_SIZE} to a page.
 */
final class DevicesPage implements Handler {
    private final Settings settings;
    private final Devices devices;
    private final Fleets fleets;
    private final PremisesCheck premises;
    private final Clock clock;
    private final PageRenderer renderer;

    DevicesPage(Settings settings, Devices devices, Fleets fleets, PremisesCheck premises, Clock clock,
                PageRenderer renderer) {
        this.settings = settings;
        this.devices = devices;
        this.fleets = fleets;
        this.premises = premises;
        this.clock = clock;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        ActingSetting acting = ActingDevice.actingOrRefuse(ctx, settings);
        DeviceFilter filter = DeviceFilter.of(ctx);
        Policy policy = settings.currentParsedPolicy(acting.id()).orElse(null);
        // the store narrows by failing control, days not seen and OS; the hostname (any case) and the premises (the
        // policy's networks) are told here, over the devices alone: no device's results are read but the page's
        Instant notSeenSince = filter.notSeenDays() == null ? null
                : clock.instant().minus(Duration.ofDays(filter.notSeenDays()));
        List<Device> matching = devices.inSettingWhere(acting.id(), filter.failing(), notSeenSince, filter.os())
                .stream().filter(filter::matchesHostname)
                .filter(device -> !filter.offPremises() || Boolean.FALSE.equals(premises.onPremises(device, policy)))
                .toList();
        int pages = Math.max(1, (matching.size() + DeviceFilter.PAGE_SIZE - 1) / DeviceFilter.PAGE_SIZE);
        int page = Math.min(filter.page(), pages);
        List<Device> shown = matching.subList((page - 1) * DeviceFilter.PAGE_SIZE,
                Math.min(matching.size(), page * DeviceFilter.PAGE_SIZE));
        Map<String, List<String>> failing = fleets.failingControls(shown.stream().map(Device::id).toList());
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", acting);
        model.put("filter", filter);
        model.put("controls", fleets.compliance(acting.id()).controlNames());
        model.put("systems", devices.operatingSystems(acting.id()));
        model.put("rows", shown.stream().map(device -> new DeviceRow(device, failing.getOrDefault(device.id(),
                List.of()), premises.onPremises(device, policy))).toList());
        model.put("total", devices.countInSetting(acting.id()));
        model.put("matched", matching.size());
        model.put("page", page);
        model.put("pages", pages);
        renderer.render(ctx, "devices.jte", model);
    }
}
