package org.nestguard.console.store;

import java.time.Instant;

/**
 * What to read of the audit log: optional filters (blank or null: any) on who acted (part of the name, any case),
 * the action (exactly, or a family such as {@code flag} for every {@code flag.*}), the target (part of it, any
 * case) and the time [from, to); then a page of {@code limit} rows before the id {@code before} (null: newest).
 */
public record AuditQuery(String actor, String action, String target, Instant from, Instant to, int limit,
                         Long before) {
    public AuditQuery {
        actor = blankToNull(actor);
        action = blankToNull(action);
        target = blankToNull(target);
        if (limit < 1 || limit > AuditLog.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + AuditLog.MAX_LIMIT + "; it was " + limit);
        }
    }

    /** Every row the reader may see, newest first, a page of {@code limit}. */
    public static AuditQuery everything(int limit) {
        return new AuditQuery(null, null, null, null, null, limit, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
