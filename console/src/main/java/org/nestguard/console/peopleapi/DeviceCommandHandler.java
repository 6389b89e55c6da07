package org.nestguard.console.peopleapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.auth.Person;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.StoredCommand;
import org.nestguard.console.store.TechnicalChanges;
import org.nestguard.protocol.wire.Command;

/**
 * {@code POST /api/v1/devices/{id}/commands}: queues a command for the device's next check-in. Only
 * {@code check-now} here: a policy reaches devices by uploading it to their setting.
 */
public final class DeviceCommandHandler implements Handler {
    /** The command type that makes the agent run its checks at once. */
    public static final String CHECK_NOW = "check-now";

    private final Console console;
    private final JsonBody body;
    private final TechnicalChanges changes;

    public DeviceCommandHandler(Console console, JsonBody body) {
        this.console = console;
        this.body = body;
        this.changes = new TechnicalChanges(console.database(), console.clock(), console.tokens(), console.audit());
    }

    @Override
    public void handle(Context ctx) {
        Person caller = SessionGate.caller(ctx);
        Device device = DeviceDetailHandler.find(console, caller, ctx.pathParam("id"));
        CommandRequest request = body.read(ctx, CommandRequest.class);
        if (!CHECK_NOW.equals(request.type())) {
            throw new ApiProblem(400, "command-unsupported", "Command type '" + request.type() + "' cannot be sent "
                    + "here; send {\"type\":\"check-now\"}, upload a policy to its setting to update it, or POST "
                    + "/api/v1/devices/{id}/self-test for a monitoring self-test");
        }
        // audited like the same command sent from the device page
        StoredCommand queued = changes.command(caller, device, CHECK_NOW, JsonNodeFactory.instance.objectNode());
        ctx.status(201).json(new Command(queued.id(), queued.type(), queued.payload()));
    }
}
