package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.List;
import org.nestguard.console.auth.Person;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.Devices;

/**
 * {@code GET /api/v1/devices[?notSeenForDays=N]}: every device (of the caller's setting, if they have one), or
 * those silent for at least N days.
 */
public final class DeviceListHandler implements Handler {
    private final Devices devices;

    public DeviceListHandler(Devices devices) {
        this.devices = devices;
    }

    @Override
    public void handle(Context ctx) {
        String days = ctx.queryParam("notSeenForDays");
        List<Device> found = days == null ? devices.list() : devices.notSeenFor(Duration.ofDays(parseDays(days)));
        Person caller = SessionGate.caller(ctx);
        ctx.json(found.stream().filter(device -> caller.actsFor(device.settingId())).map(DeviceSummary::of).toList());
    }

    private static long parseDays(String text) {
        try {
            long days = Long.parseLong(text.strip());
            if (days >= 0 && days <= 36_500) {
                return days;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new ApiProblem(400, "malformed-request", "notSeenForDays is '" + text + "'; give a whole number of "
                + "days from 0, for example notSeenForDays=14");
    }
}
