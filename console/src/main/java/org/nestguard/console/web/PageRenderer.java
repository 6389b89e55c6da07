package org.nestguard.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** Renders the precompiled JTE templates (built from {@code src/main/jte} by the jte Maven plugin) as pages. */
public final class PageRenderer {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders the template with these parameters as the response, HTML in UTF-8. */
    public void render(Context ctx, String template, Map<String, Object> parameters) {
        StringOutput output = new StringOutput();
        engine.render(template, parameters, output);
        ctx.contentType("text/html; charset=utf-8").result(output.toString());
    }
}
