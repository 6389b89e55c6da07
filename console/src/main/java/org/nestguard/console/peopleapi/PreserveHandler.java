package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.QuarantineItems;

/** {@code POST /api/v1/quarantine/{id}/preserve} {@code {policeReference, justification}}: kept for the police. */
public final class PreserveHandler implements Handler {
    private final QuarantineItems quarantine;
    private final JsonBody body;

    public PreserveHandler(QuarantineItems quarantine, JsonBody body) {
        this.quarantine = quarantine;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        String id = ctx.pathParam("id");
        FileRequests.Preserve request = body.read(ctx, FileRequests.Preserve.class);
        ctx.status(201).json(FileDecisions.run(id, () -> quarantine.preserve(SessionGate.caller(ctx), id,
                request.policeReference(), request.justification())));
    }
}
