package org.nestguard.console.peopleapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.EvidenceDownload;
import org.nestguard.protocol.wire.WireJson;

/**
 * {@code GET /api/v1/evidence/{exportId}}: the device's evidence archive with the console's chain of custody (every
 * decision, device report, export and audit entry about the item, this download included) added as
 * {@code custody.json}. Audited; 404 for an export the caller may not see, 409 before the device uploaded it.
 */
public final class EvidenceDownloadHandler implements Handler {
    private static final ObjectMapper JSON = WireJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Console console;

    public EvidenceDownloadHandler(Console console) {
        this.console = console;
    }

    @Override
    public void handle(Context ctx) {
        String exportId = ctx.pathParam("exportId");
        EvidenceDownload download = FileDecisions.attempt(() -> console.evidenceExports()
                .download(SessionGate.caller(ctx), exportId).orElseThrow(() -> new ApiProblem(404, "export-unknown",
                        "There is no evidence export with id '" + exportId + "' among yours; see the item's exports "
                                + "in GET /api/v1/quarantine/{id}")));
        String custody;
        try {
            custody = JSON.writeValueAsString(download.custody());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the custody record", e);
        }
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"evidence-" + exportId + ".zip\"");
        try {
            console.evidenceFolder().writeWithCustody(exportId, custody, ctx.outputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored evidence archive " + exportId, e);
        }
    }
}
