package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.store.FlagQuery;
import org.nestguard.console.store.FlagState;
import org.nestguard.console.store.Flags;
import org.nestguard.protocol.monitoring.Severity;

/**
 * {@code GET /api/v1/flags?state=&severity=&category=&device=&account=&limit=&before=}: the caller's flag queue,
 * critical first, then newest. {@code state} defaults to new; {@code state=all} lists every state. Audited.
 */
public final class FlagQueueHandler implements Handler {
    private final Flags flags;

    public FlagQueueHandler(Flags flags) {
        this.flags = flags;
    }

    @Override
    public void handle(Context ctx) {
        QueryParameters q = new QueryParameters(ctx, "state", "severity", "category", "device", "account", "limit",
                "before");
        String stateText = q.text("state");
        try {
            FlagState state = stateText == null ? FlagState.NEW
                    : "all".equals(stateText) ? null : FlagState.parse(stateText);
            FlagQuery query = new FlagQuery(state, severity(q.text("severity")), q.text("category"),
                    q.text("device"), q.text("account"), q.limit(Flags.DEFAULT_LIMIT, Flags.MAX_LIMIT),
                    q.text("before"));
            ctx.json(flags.queue(SessionGate.caller(ctx), query));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "malformed-request", e.getMessage());
        }
    }

    private static Severity severity(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw QueryParameters.bad("severity", text, "low, medium, high or critical");
        }
    }
}
