package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Device;

/**
 * {@code GET /api/v1/devices/{id}/outing}: the latest outing check: ready, not-ready (with the photos and videos
 * left per folder), waiting for the device, or refused by it. Audited.
 */
public final class OutingHandler implements Handler {
    private final Console console;

    public OutingHandler(Console console) {
        this.console = console;
    }

    @Override
    public void handle(Context ctx) {
        Device device = DeviceDetailHandler.find(console, SessionGate.caller(ctx), ctx.pathParam("id"));
        ctx.json(console.outings().latest(SessionGate.caller(ctx), device).orElseThrow(() -> new ApiProblem(404,
                "outing-unknown", "Nobody has asked whether device " + device.id() + " may go on an outing; ask "
                + "with POST /api/v1/devices/" + device.id() + "/outing-check")));
    }
}
