package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.Device;

/**
 * {@code POST /api/v1/devices/{id}/hold} {@code {reason, lock}}: puts the device on hold until police advice has
 * been recorded; queues HOLD (with the logon lock when asked) and withdraws any release or destroy not yet done.
 */
public final class HoldHandler implements Handler {
    private final Console console;
    private final JsonBody body;

    public HoldHandler(Console console, JsonBody body) {
        this.console = console;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        Device device = DeviceDetailHandler.find(console, SessionGate.caller(ctx), ctx.pathParam("id"));
        FileRequests.Hold request = body.read(ctx, FileRequests.Hold.class);
        if (request.lock() == null) {
            throw new ApiProblem(400, "malformed-request", "lock is required: true disables interactive logon for "
                    + "every account but the policy's holdLockExcept while the hold lasts, false leaves logon alone");
        }
        ctx.status(201).json(FileDecisions.attempt(() -> console.holds().place(SessionGate.caller(ctx), device,
                request.reason(), request.lock())));
    }
}
