package org.nestguard.console.web;

import io.javalin.http.Context;

/**
 * The session cookie and the sign-in form's pre-session CSRF cookie. The {@code __Host-} prefix makes browsers
 * insist on Secure, Path=/ and no Domain; both are HttpOnly and SameSite=Strict.
 */
public final class SessionCookie {
    /** Names the signed-in (or signing-in) session. */
    public static final String SESSION = "__Host-nestguard-session";
    /** Holds the token the sign-in form echoes, before there is a session (double-submit). */
    public static final String SIGN_IN_CSRF = "__Host-nestguard-signin";

    private SessionCookie() {
    }

    /** Sets a cookie that lives as long as the browser session, or (maxAgeSeconds 0) removes it. */
    public static void set(Context ctx, String name, String value, int maxAgeSeconds) {
        StringBuilder header = new StringBuilder(name).append('=').append(value)
                .append("; Path=/; Secure; HttpOnly; SameSite=Strict");
        if (maxAgeSeconds == 0) {
            header.append("; Max-Age=0");
        }
        // Javalin's Cookie has no SameSite=Strict in every version: write the header ourselves
        ctx.res().addHeader("Set-Cookie", header.toString());
    }

    /** Removes the cookie from the browser. */
    public static void clear(Context ctx, String name) {
        set(ctx, name, "", 0);
    }
}
