package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.store.QuarantineItems;

/**
 * {@code GET /api/v1/quarantine/{id}}: the item's metadata, hashes, rule, decisions and custody; never content nor
 * its key. Audited; an item the caller may not see is a 404.
 */
public final class QuarantineDetailHandler implements Handler {
    private final QuarantineItems quarantine;

    public QuarantineDetailHandler(QuarantineItems quarantine) {
        this.quarantine = quarantine;
    }

    @Override
    public void handle(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(FileDecisions.run(id, () -> quarantine.read(SessionGate.caller(ctx), id)));
    }
}
