package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.store.History;

/**
 * {@code GET /api/v1/history/notices?device=&from=&to=&limit=}: cleared, removed and unreadable histories of
 * accounts the caller may read, newest first; audited.
 */
public final class HistoryNoticesHandler implements Handler {
    private final History history;

    public HistoryNoticesHandler(History history) {
        this.history = history;
    }

    @Override
    public void handle(Context ctx) {
        QueryParameters q = new QueryParameters(ctx, "device", "from", "to", "limit");
        ctx.json(history.notices(SessionGate.caller(ctx), q.text("device"), q.instant("from"), q.instant("to"),
                q.limit(History.DEFAULT_LIMIT, History.MAX_LIMIT)));
    }
}
