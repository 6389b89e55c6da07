package org.nestguard.console.agentapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.JsonBody;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.store.CheckInOutcome;
import org.nestguard.console.store.StoredCommand;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.CheckInResponse;
import org.nestguard.protocol.wire.Command;

/**
 * {@code POST /api/agent/v1/checkin}: stores the batch once for the device the certificate names, and answers
 * with the highest contiguous sequence held, the policy version and the commands waiting; a release gets its item
 * key only here, at delivery ({@link ReleaseKeys}).
 */
public final class CheckInHandler implements Handler {
    private final Console console;
    private final JsonBody body;
    private final CallingDevice caller;
    private final ReleaseKeys releaseKeys;

    public CheckInHandler(Console console, JsonBody body) {
        this.console = console;
        this.body = body;
        this.caller = new CallingDevice(console.deviceCertificates(), console.devices());
        this.releaseKeys = new ReleaseKeys(console.quarantine(), console.evidenceKey());
    }

    @Override
    public void handle(Context ctx) {
        // identify before reading the body: an unknown caller's body is never parsed
        String deviceId = caller.of(ctx);
        CheckIn checkIn = body.read(ctx, CheckIn.class);
        CheckInOutcome outcome;
        try {
            // a chunked body has no length: count it as the largest allowed, which only makes its group smaller
            long declared = ctx.req().getContentLengthLong();
            outcome = console.checkIns().record(deviceId, checkIn.events(), ctx.req().getRemoteAddr(),
                    checkIn.location(), declared >= 0 ? declared : AgentApi.MAX_BODY_BYTES);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "malformed-request", "The check-in was refused as a whole: " + e.getMessage());
        }
        List<Command> commands = new ArrayList<>();
        for (StoredCommand command : outcome.commands()) {
            Command delivered = FileCommands.RELEASE.equals(command.type()) ? releaseKeys.withKey(deviceId, command)
                    : new Command(command.id(), command.type(), command.payload());
            if (delivered != null) {
                commands.add(delivered);
            }
        }
        // the answer may carry an item key (a release): it goes to this device only, and is never logged
        ctx.json(new CheckInResponse(outcome.highestSequence(), outcome.policyVersion(), commands));
    }
}
