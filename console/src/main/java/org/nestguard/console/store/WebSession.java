package org.nestguard.console.store;

import java.time.Instant;
import org.nestguard.console.auth.SignInStage;

/** A browser session as stored: identified by the hash of its cookie, with its CSRF token and its limits. */
public record WebSession(String idHash, String accountId, SignInStage stage, String csrfToken, Instant createdAt,
                         Instant lastSeenAt, Instant expiresAt) {
    @Override
    public String toString() {
        return "WebSession[account=" + accountId + ", stage=" + stage + ", csrfToken=<hidden>]";
    }
}
