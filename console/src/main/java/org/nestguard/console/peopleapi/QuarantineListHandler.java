package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.store.QuarantineItemState;
import org.nestguard.console.store.QuarantineItems;

/** {@code GET /api/v1/quarantine?device=&state=&limit=}: the quarantine items routed to the caller; audited. */
public final class QuarantineListHandler implements Handler {
    private final QuarantineItems quarantine;

    public QuarantineListHandler(QuarantineItems quarantine) {
        this.quarantine = quarantine;
    }

    @Override
    public void handle(Context ctx) {
        QueryParameters q = new QueryParameters(ctx, "device", "state", "limit");
        ctx.json(quarantine.list(SessionGate.caller(ctx), q.text("device"), state(q.text("state")),
                q.limit(QuarantineItems.DEFAULT_LIMIT, QuarantineItems.MAX_LIMIT)));
    }

    private static QuarantineItemState state(String text) {
        if (text == null) {
            return null;
        }
        for (QuarantineItemState state : QuarantineItemState.values()) {
            if (state.id().equals(text)) {
                return state;
            }
        }
        throw QueryParameters.bad("state", text, "isolated, released or destroyed");
    }
}
