package org.nestguard.console.agentapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import org.nestguard.console.evidence.ArchiveTooLargeException;
import org.nestguard.console.evidence.EvidenceArchiveException;
import org.nestguard.console.evidence.StoredArchive;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.protocol.wire.AgentApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /api/agent/v1/evidence/{exportId}}: the agent's evidence archive for an export a DSL ordered. Mutual TLS;
 * only the device the export was ordered from may upload it, once, no larger than its item can need; the body is
 * streamed to the data folder, never held in memory. Another device's certificate is refused before the body is
 * read.
 */
public final class EvidenceUploadHandler implements Handler {
    /** Where agents upload evidence archives, as the EvidenceOrder contract names it. */
    public static final String PATH = AgentApi.EVIDENCE + "{exportId}";
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceUploadHandler.class);

    private final Console console;
    private final CallingDevice caller;

    public EvidenceUploadHandler(Console console) {
        this.console = console;
        this.caller = new CallingDevice(console.deviceCertificates(), console.devices());
    }

    @Override
    public void handle(Context ctx) {
        String deviceId = caller.of(ctx);
        String exportId = ctx.pathParam("exportId");
        try {
            console.evidenceFolder().archive(exportId);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(404, "export-unknown", e.getMessage() + "; upload to the export id the "
                    + "export-evidence command named");
        }
        long limit;
        try {
            limit = console.evidenceExports().uploadLimit(deviceId, exportId);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(403, "export-not-yours", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiProblem(409, "export-uploaded", e.getMessage());
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw new ApiProblem(413, "archive-refused", new ArchiveTooLargeException(limit).getMessage());
        }
        StoredArchive stored;
        try (InputStream body = ctx.req().getInputStream()) {
            stored = console.evidenceFolder().store(exportId, body, limit);
        } catch (ArchiveTooLargeException e) {
            throw new ApiProblem(413, "archive-refused", e.getMessage());
        } catch (EvidenceArchiveException e) {
            throw new ApiProblem(400, "archive-refused", e.getMessage());
        } catch (IOException e) {
            LOG.error("Cannot store evidence export {} from device {}", exportId, deviceId, e);
            throw new ApiProblem(503, "archive-not-stored", "The console could not store the archive ("
                    + e.getMessage() + "); upload it again later");
        }
        if (!console.evidenceExports().recordUpload(deviceId, exportId, stored.bytes(), stored.sha256())) {
            throw new ApiProblem(409, "export-uploaded", "Evidence export " + exportId + " was uploaded already");
        }
        ctx.status(201).json(stored);
    }
}
