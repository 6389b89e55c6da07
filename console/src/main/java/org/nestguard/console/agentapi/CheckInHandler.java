package org.nestguard.console.agentapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.CheckInOutcome;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.CheckInResponse;
import org.nestguard.protocol.wire.Command;

/**
 * {@code POST /api/agent/v1/checkin}: stores the batch once for the device the certificate names, and answers
 * with the highest contiguous sequence held, the policy version and the commands waiting.
 */
public final class CheckInHandler implements Handler {
    private final Console console;
    private final JsonBody body;
    private final CallingDevice caller;

    public CheckInHandler(Console console, JsonBody body) {
        this.console = console;
        this.body = body;
        this.caller = new CallingDevice(console.deviceCertificates(), console.devices());
    }

    @Override
    public void handle(Context ctx) {
        // identify before reading the body: an unknown caller's body is never parsed
        String deviceId = caller.of(ctx);
        CheckIn checkIn = body.read(ctx, CheckIn.class);
        CheckInOutcome outcome;
        try {
            outcome = console.checkIns().record(deviceId, checkIn.events(), ctx.req().getRemoteAddr(),
                    checkIn.location());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "malformed-request", "The check-in was refused as a whole: " + e.getMessage());
        }
        ctx.json(new CheckInResponse(outcome.highestSequence(), outcome.policyVersion(), outcome.commands().stream()
                .map(command -> new Command(command.id(), command.type(), command.payload())).toList()));
    }
}
