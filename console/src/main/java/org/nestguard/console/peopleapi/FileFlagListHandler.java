package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.store.FileFlagQuery;
import org.nestguard.console.store.FileFlags;

/**
 * {@code GET /api/v1/file-flags?device=&account=&source=&from=&to=&limit=&before=}: the file flags routed to the
 * caller, newest first: metadata and matching rules, never content. Audited.
 */
public final class FileFlagListHandler implements Handler {
    private final FileFlags flags;

    public FileFlagListHandler(FileFlags flags) {
        this.flags = flags;
    }

    @Override
    public void handle(Context ctx) {
        QueryParameters q = new QueryParameters(ctx, "device", "account", "source", "from", "to", "limit", "before");
        try {
            ctx.json(flags.list(SessionGate.caller(ctx), new FileFlagQuery(q.text("device"), q.text("account"),
                    q.text("source"), q.instant("from"), q.instant("to"),
                    q.limit(FileFlags.DEFAULT_LIMIT, FileFlags.MAX_LIMIT), q.text("before"))));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "malformed-request", e.getMessage());
        }
    }
}
