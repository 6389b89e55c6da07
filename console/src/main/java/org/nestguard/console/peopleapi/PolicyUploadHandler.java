package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.policy.PolicyPublisher;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.JsonBody;
import org.nestguard.protocol.policy.PolicyException;

/**
 * {@code POST /api/v1/settings/{id}/policy?reason=...}: the YAML body becomes the setting's next policy version and
 * is sent to its devices; a policy the loader refuses is a 400 {@code policy-invalid} with its file:line: field.
 */
public final class PolicyUploadHandler implements Handler {
    private final PolicyPublisher publisher;
    private final JsonBody body;

    public PolicyUploadHandler(PolicyPublisher publisher, JsonBody body) {
        this.publisher = publisher;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        String settingId = ctx.pathParam("id");
        if (!SessionGate.caller(ctx).actsFor(settingId)) {
            throw new ApiProblem(404, "setting-unknown", "There is no setting with id '" + settingId + "' among "
                    + "yours; you act for setting '" + SessionGate.caller(ctx).settingId() + "' (choose with "
                    + "?setting=ID)");
        }
        String author = SessionGate.caller(ctx).name();
        String reason = ctx.queryParam("reason");
        if (reason == null || reason.isBlank()) {
            reason = "uploaded through the API by " + author;
        }
        try {
            ctx.status(201).json(publisher.publish("policy.yaml", body.text(ctx), settingId, false, author, reason));
        } catch (PolicyException e) {
            throw new ApiProblem(400, "policy-invalid", e.getMessage());
        }
    }
}
