package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.store.SelfTests;

/**
 * {@code GET /api/v1/self-tests?setting=&from=&to=}: every monitoring self-test asked for in the period, oldest
 * first, with passed, late, waiting or failed and how long it took: the dated log for the annual review. Audited.
 */
public final class SelfTestLogHandler implements Handler {
    private final SelfTests selfTests;

    public SelfTestLogHandler(SelfTests selfTests) {
        this.selfTests = selfTests;
    }

    @Override
    public void handle(Context ctx) {
        QueryParameters q = new QueryParameters(ctx, "setting", "from", "to");
        ctx.json(selfTests.log(SessionGate.caller(ctx), q.text("setting"), q.instant("from"), q.instant("to")));
    }
}
