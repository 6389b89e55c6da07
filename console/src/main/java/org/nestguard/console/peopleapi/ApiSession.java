package org.nestguard.console.peopleapi;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a signing-in: the CSRF token to send in {@code X-CSRF-Token} on state-changing calls, when the
 * session ends at the latest, and who signed in with which roles where (the cookie carries the session itself).
 */
public record ApiSession(String csrfToken, Instant expiresAt, String account, List<GrantView> roles) {
    /** One role and the setting it is held in (null: every setting). */
    public record GrantView(String role, String setting) {
    }

    @Override
    public String toString() {
        return "ApiSession[account=" + account + ", csrfToken=<hidden>]";
    }
}
