package org.nestguard.console.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.nestguard.protocol.wire.AgentApi;

/**
 * Reads request bodies no larger than {@link AgentApi#MAX_BODY_BYTES}, counting the bytes actually read so a
 * chunked body without a Content-Length is bounded too, and maps JSON strictly (unknown fields refused).
 */
public final class JsonBody {
    private final ObjectMapper mapper;

    public JsonBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as {@code type}, or a 400 {@code malformed-request} naming what is wrong with it. */
    public <T> T read(Context ctx, Class<T> type) {
        String text = text(ctx);
        if (text.isBlank()) {
            throw new ApiProblem(400, "malformed-request", "The request body is empty; send a JSON "
                    + type.getSimpleName() + " object");
        }
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new ApiProblem(400, "malformed-request", "The request body is JSON null; send a JSON "
                        + type.getSimpleName() + " object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ApiProblem(400, "malformed-request", "The request body is not a valid "
                    + type.getSimpleName() + ": " + e.getOriginalMessage() + locate(e)
                    + "; correct the request (an agent sending this may need updating)");
        }
    }

    /** The body as UTF-8 text, or a 413 {@code body-too-large}. */
    public String text(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > AgentApi.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(AgentApi.MAX_BODY_BYTES + 1);
            if (bytes.length > AgentApi.MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiProblem(400, "malformed-request", "The request body could not be read (" + e.getMessage()
                    + "); send it again");
        }
    }

    private static ApiProblem tooLarge() {
        return new ApiProblem(413, "body-too-large", "The request body is larger than " + AgentApi.MAX_BODY_BYTES
                + " bytes; send fewer events per check-in");
    }

    private static String locate(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
