package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.store.Flags;

/**
 * {@code GET /api/v1/flags/{id}}: the flag with its reasons, the visits around it and its changes; audited. A flag
 * the caller may not see is a 404 like one that does not exist, so the answer does not reveal that it exists.
 */
public final class FlagDetailHandler implements Handler {
    private final Flags flags;

    public FlagDetailHandler(Flags flags) {
        this.flags = flags;
    }

    @Override
    public void handle(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(flags.read(SessionGate.caller(ctx), id).orElseThrow(() -> unknown(id)));
    }

    static ApiProblem unknown(String id) {
        return new ApiProblem(404, "flag-unknown", "There is no flag with id '" + id + "' in your queue; list it "
                + "with GET /api/v1/flags?state=all");
    }
}
