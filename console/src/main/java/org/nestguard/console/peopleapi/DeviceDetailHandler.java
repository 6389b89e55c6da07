package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.compliance.ControlResult;
import org.nestguard.console.compliance.PremisesCheck;
import org.nestguard.console.auth.Person;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Device;

/** {@code GET /api/v1/devices/{id}}: the device's latest result per control, last seen, on or off the premises. */
public final class DeviceDetailHandler implements Handler {
    private final Console console;
    private final PremisesCheck premises;

    public DeviceDetailHandler(Console console, PremisesCheck premises) {
        this.console = console;
        this.premises = premises;
    }

    @Override
    public void handle(Context ctx) {
        Device device = find(console, SessionGate.caller(ctx), ctx.pathParam("id"));
        Boolean onPremises = premises.onPremises(device, console.settings()
                .currentParsedPolicy(device.settingId()).orElse(null));
        ctx.json(new DeviceDetail(DeviceSummary.of(device), device.facts(), device.location(), onPremises,
                console.events().latestResults(device.id()).stream().map(ControlResult::of).toList()));
    }

    /** The device, or a 404 when there is none or it belongs to a setting the caller does not act for. */
    static Device find(Console console, Person caller, String id) {
        return console.devices().find(id).filter(device -> caller.actsFor(device.settingId()))
                .orElseThrow(() -> new ApiProblem(404, "device-unknown", "There is no device with id '" + id
                        + "' among yours; list the devices with GET /api/v1/devices to find it"));
    }
}
