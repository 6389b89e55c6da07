package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.store.AuditLog;

/**
 * {@code GET /api/v1/audit?from=&to=&limit=&before=}: the audit log rows the caller may read, newest first
 * ({@code before} = the previous page's {@code next}); the read is itself audited.
 */
public final class AuditHandler implements Handler {
    private final AuditLog audit;

    public AuditHandler(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void handle(Context ctx) {
        QueryParameters q = new QueryParameters(ctx, "from", "to", "limit", "before");
        ctx.json(audit.read(SessionGate.caller(ctx), q.instant("from"), q.instant("to"),
                q.limit(AuditLog.DEFAULT_LIMIT, AuditLog.MAX_LIMIT), q.number("before")));
    }
}
