package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.store.History;
import org.nestguard.console.store.HistoryQuery;

/**
 * {@code GET /api/v1/history?device=&account=&from=&to=&domain=&category=&limit=&before=}: the history the caller
 * may read, newest first, a page at a time ({@code before} = the previous page's {@code next}); audited.
 */
public final class HistoryHandler implements Handler {
    private final History history;

    public HistoryHandler(History history) {
        this.history = history;
    }

    @Override
    public void handle(Context ctx) {
        QueryParameters q = new QueryParameters(ctx, "device", "account", "from", "to", "domain", "category",
                "limit", "before");
        try {
            HistoryQuery query = new HistoryQuery(q.text("device"), q.text("account"), q.instant("from"),
                    q.instant("to"), q.text("domain"), q.text("category"),
                    q.limit(History.DEFAULT_LIMIT, History.MAX_LIMIT), q.text("before"));
            ctx.json(history.search(SessionGate.caller(ctx), query));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "malformed-request", e.getMessage());
        }
    }
}
