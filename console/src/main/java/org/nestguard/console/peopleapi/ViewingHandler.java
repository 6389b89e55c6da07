package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.QuarantineItems;

/**
 * {@code POST /api/v1/quarantine/{id}/viewings} {@code {justification}}: records that the DSL had to view the file
 * on the device, and why. The console itself never shows it.
 */
public final class ViewingHandler implements Handler {
    private final QuarantineItems quarantine;
    private final JsonBody body;

    public ViewingHandler(QuarantineItems quarantine, JsonBody body) {
        this.quarantine = quarantine;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        String id = ctx.pathParam("id");
        FileRequests.Justified request = body.read(ctx, FileRequests.Justified.class);
        ctx.status(201).json(FileDecisions.run(id, () -> quarantine.viewing(SessionGate.caller(ctx), id,
                request.justification())));
    }
}
