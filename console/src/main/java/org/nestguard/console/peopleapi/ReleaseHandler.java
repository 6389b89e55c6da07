package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.QuarantineItems;

/**
 * {@code POST /api/v1/quarantine/{id}/release} {@code {justification}}: queues RELEASE; the item key is added only
 * when the command is delivered. Refused while the device is on hold.
 */
public final class ReleaseHandler implements Handler {
    private final QuarantineItems quarantine;
    private final JsonBody body;

    public ReleaseHandler(QuarantineItems quarantine, JsonBody body) {
        this.quarantine = quarantine;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        String id = ctx.pathParam("id");
        FileRequests.Justified request = body.read(ctx, FileRequests.Justified.class);
        ctx.status(201).json(FileDecisions.run(id, () -> quarantine.release(SessionGate.caller(ctx), id,
                request.justification())));
    }
}
