package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Headers on every response: a Content-Security-Policy that allows scripts, styles and images from the console
 * itself only (no inline script, no CDN), no framing, no referrer, no MIME sniffing, HTTPS only.
 */
public final class SecurityHeaders implements Handler {
    /** The policy; htmx is served by the console from its WebJar, so 'self' covers it. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void handle(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Strict-Transport-Security", "max-age=31536000");
        if (!ctx.path().startsWith("/static/") && !ctx.path().startsWith("/webjars/")) {
            // pages carry personal data and CSRF tokens: never from a cache or the back button after sign-out
            ctx.header("Cache-Control", "no-store");
        }
    }
}
