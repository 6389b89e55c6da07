package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.Device;

/**
 * {@code POST /api/v1/devices/{id}/hold/lift} {@code {policeAdvice: {adviser, at, outcome}, justification}}: refused
 * without the police advice; records it and queues LIFT_HOLD.
 */
public final class HoldLiftHandler implements Handler {
    private final Console console;
    private final JsonBody body;

    public HoldLiftHandler(Console console, JsonBody body) {
        this.console = console;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        Device device = DeviceDetailHandler.find(console, SessionGate.caller(ctx), ctx.pathParam("id"));
        FileRequests.HoldLift request = body.read(ctx, FileRequests.HoldLift.class);
        ctx.json(FileDecisions.attempt(() -> console.holds().lift(SessionGate.caller(ctx), device,
                request.policeAdvice(), request.justification())));
    }
}
