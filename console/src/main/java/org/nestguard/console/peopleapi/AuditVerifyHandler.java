package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.store.AuditLog;

/** {@code GET /api/v1/audit/verify}: checks the audit log's hash chain and names the first broken row; audited. */
public final class AuditVerifyHandler implements Handler {
    private final AuditLog audit;

    public AuditVerifyHandler(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void handle(Context ctx) {
        new QueryParameters(ctx);
        ctx.json(audit.verify(SessionGate.caller(ctx)));
    }
}
