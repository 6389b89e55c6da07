package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.Device;

/**
 * {@code POST /api/v1/devices/{id}/isolate} {@code {path | sha256, justification}}: queues ISOLATE for the device;
 * the decision is recorded and audited, and joins the item's custody when the agent reports the isolation.
 */
public final class IsolateHandler implements Handler {
    private final Console console;
    private final JsonBody body;

    public IsolateHandler(Console console, JsonBody body) {
        this.console = console;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        Device device = DeviceDetailHandler.find(console, SessionGate.caller(ctx), ctx.pathParam("id"));
        FileRequests.Isolate request = body.read(ctx, FileRequests.Isolate.class);
        ctx.status(201).json(FileDecisions.attempt(() -> console.quarantine().isolate(SessionGate.caller(ctx), device,
                request.path(), request.sha256(), request.justification())));
    }
}
