package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.QuarantineItems;

/**
 * {@code POST /api/v1/quarantine/{id}/destroy} {@code {justification, noOtherAgencyNeeded,
 * noRiskToChildOrInvestigation}}: refused unless both confirmations are true (§11.2) and while the device is on
 * hold; queues DESTROY.
 */
public final class DestroyHandler implements Handler {
    private final QuarantineItems quarantine;
    private final JsonBody body;

    public DestroyHandler(QuarantineItems quarantine, JsonBody body) {
        this.quarantine = quarantine;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        String id = ctx.pathParam("id");
        FileRequests.Destroy request = body.read(ctx, FileRequests.Destroy.class);
        ctx.status(201).json(FileDecisions.run(id, () -> quarantine.destroy(SessionGate.caller(ctx), id,
                request.justification(), Boolean.TRUE.equals(request.noOtherAgencyNeeded()),
                Boolean.TRUE.equals(request.noRiskToChildOrInvestigation()))));
    }
}
