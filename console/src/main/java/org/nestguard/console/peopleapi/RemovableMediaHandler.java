package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.store.RemovableMedia;

/**
 * {@code GET /api/v1/removable-writes?device=&limit=} (managers: names, counts and volumes, never content) and
 * {@code GET /api/v1/removable-scans?device=&limit=} (antivirus results at mount). Audited.
 */
public final class RemovableMediaHandler implements Handler {
    private final RemovableMedia media;
    private final boolean writes;

    private RemovableMediaHandler(RemovableMedia media, boolean writes) {
        this.media = media;
        this.writes = writes;
    }

    /** The handler of the writes route. */
    public static RemovableMediaHandler writes(RemovableMedia media) {
        return new RemovableMediaHandler(media, true);
    }

    /** The handler of the scans route. */
    public static RemovableMediaHandler scans(RemovableMedia media) {
        return new RemovableMediaHandler(media, false);
    }

    @Override
    public void handle(Context ctx) {
        QueryParameters q = new QueryParameters(ctx, "device", "limit");
        int limit = q.limit(RemovableMedia.DEFAULT_LIMIT, RemovableMedia.MAX_LIMIT);
        ctx.json(writes ? media.writes(SessionGate.caller(ctx), q.text("device"), limit)
                : media.scans(SessionGate.caller(ctx), q.text("device"), limit));
    }
}
