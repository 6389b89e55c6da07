package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Device;

/** {@code POST /api/v1/devices/{id}/outing-check}: asks the device to count photos and videos; refused on hold. */
public final class OutingCheckHandler implements Handler {
    private final Console console;

    public OutingCheckHandler(Console console) {
        this.console = console;
    }

    @Override
    public void handle(Context ctx) {
        Device device = DeviceDetailHandler.find(console, SessionGate.caller(ctx), ctx.pathParam("id"));
        ctx.status(201).json(FileDecisions.attempt(() -> console.outings().request(SessionGate.caller(ctx), device)));
    }
}
