package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.FlagState;
import org.nestguard.console.store.Flags;

/**
 * {@code POST /api/v1/flags/{id}/state}: moves the flag to reviewed, false-positive or escalated with the
 * reviewer's reason, recorded with who and when; audited. 400 without a reason, 404 for a flag the caller may not
 * see, 409 when its state does not allow the move.
 */
public final class FlagStateHandler implements Handler {
    private final Flags flags;
    private final JsonBody body;

    public FlagStateHandler(Flags flags, JsonBody body) {
        this.flags = flags;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        String id = ctx.pathParam("id");
        FlagStateRequest request = body.read(ctx, FlagStateRequest.class);
        if (request.state() == null) {
            throw new ApiProblem(400, "malformed-request", "state is required: give reviewed, false-positive or "
                    + "escalated");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new ApiProblem(400, "reason-required", "reason is required: say why the flag is "
                    + request.state() + ", for the record");
        }
        try {
            ctx.json(flags.changeState(SessionGate.caller(ctx), id, FlagState.parse(request.state()),
                    request.reason(), request.concernReference()).orElseThrow(() -> FlagDetailHandler.unknown(id)));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "malformed-request", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiProblem(409, "state-conflict", e.getMessage());
        }
    }
}
