package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Device;

/**
 * {@code GET /api/v1/devices/{id}/holds}: the device's holds, newest first (open one first when there is one),
 * with who placed and lifted them, the police advice, and what the agent reported applying. Audited.
 */
public final class HoldListHandler implements Handler {
    private final Console console;

    public HoldListHandler(Console console) {
        this.console = console;
    }

    @Override
    public void handle(Context ctx) {
        Device device = DeviceDetailHandler.find(console, SessionGate.caller(ctx), ctx.pathParam("id"));
        ctx.json(console.holds().history(SessionGate.caller(ctx), device));
    }
}
