package org.nestguard.console.store;

import java.util.List;

/** A page of the audit log, newest first; {@code next} is the {@code before} of the page after (null: the last). */
public record AuditPage(List<AuditEntry> entries, Long next) {
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
