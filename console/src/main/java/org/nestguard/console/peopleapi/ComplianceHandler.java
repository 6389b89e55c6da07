package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.store.LatestResults;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;

/**
 * {@code GET /api/v1/settings/{id}/compliance}: per control, how many of the setting's devices pass, fail or are
 * unknown. A device with no result for a control yet counts as unknown, never as passing.
 */
public final class ComplianceHandler implements Handler {
    private final Console console;
    private final Fleets fleets;

    public ComplianceHandler(Console console) {
        this.console = console;
        this.fleets = new Fleets(console.devices(), new LatestResults(console.database()));
    }

    @Override
    public void handle(Context ctx) {
        String settingId = ctx.pathParam("id");
        if (console.settings().find(settingId).isEmpty() || !SessionGate.caller(ctx).actsFor(settingId)) {
            throw new ApiProblem(404, "setting-unknown", "There is no setting with id '" + settingId + "'; import "
                    + "its policy with nestguard-console policy import FILE");
        }
        ctx.json(fleets.compliance(settingId));
    }
}
