package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.JsonBody;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.KeyWrap;

/**
 * {@code POST /api/v1/quarantine/{id}/export} {@code {recipientPublicKeyPem, justification}}: only for an item
 * preserved with a police reference; the item key is rewrapped for the recipient's RSA key (3072 bits or more)
 * and EXPORT_EVIDENCE queued. The device uploads the archive; it is downloaded from {@code /api/v1/evidence/{id}}.
 */
public final class ExportHandler implements Handler {
    private final Console console;
    private final JsonBody body;

    public ExportHandler(Console console, JsonBody body) {
        this.console = console;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        String id = ctx.pathParam("id");
        FileRequests.Export request = body.read(ctx, FileRequests.Export.class);
        if (request.recipientPublicKeyPem() == null || request.recipientPublicKeyPem().isBlank()) {
            throw new ApiProblem(400, "malformed-request", "recipientPublicKeyPem is required: the police "
                    + "recipient's RSA public key (PEM, 3072 bits or more) the archive is encrypted for");
        }
        PublicKey recipient;
        try {
            recipient = Pem.readPublicKey(request.recipientPublicKeyPem(), "recipientPublicKeyPem");
            KeyWrap.requireStrong(recipient);
        } catch (IllegalArgumentException | InvalidKeyException e) {
            throw new ApiProblem(400, "recipient-key-refused", "The recipient key cannot be used: " + e.getMessage()
                    + ". Ask the police for an RSA public key of at least " + KeyWrap.MIN_RSA_BITS + " bits in PEM");
        }
        String fingerprint = KeyWrap.fingerprint(recipient);
        ctx.status(201).json(FileDecisions.run(id, () -> console.quarantine().export(SessionGate.caller(ctx), id,
                fingerprint, request.justification(), key -> console.evidenceKey().rewrapFor(key, recipient))));
    }
}
