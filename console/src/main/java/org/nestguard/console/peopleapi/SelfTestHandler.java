package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.auth.Person;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Device;

/**
 * {@code POST /api/v1/devices/{id}/self-test}: asks the device to run the monitoring self-test at its next
 * check-in and starts its row in the self-test log (status waiting); audited.
 */
public final class SelfTestHandler implements Handler {
    private final Console console;

    public SelfTestHandler(Console console) {
        this.console = console;
    }

    @Override
    public void handle(Context ctx) {
        Person caller = SessionGate.caller(ctx);
        Device device = DeviceDetailHandler.find(console, caller, ctx.pathParam("id"));
        ctx.status(201).json(console.selfTests().request(caller, device.id()));
    }
}
