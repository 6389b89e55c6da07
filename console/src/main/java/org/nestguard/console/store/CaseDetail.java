package org.nestguard.console.store;

import java.util.List;

/** One concern with its linked flags and quarantine items and every entry of its record, oldest first. */
public record CaseDetail(CaseSummary summary, List<CaseFlag> flags, List<CaseItem> items, List<CaseEntry> entries) {
    public CaseDetail {
        flags = List.copyOf(flags);
        items = List.copyOf(items);
        entries = List.copyOf(entries);
    }

    /** Whether the record holds lessons learnt, without which the concern cannot close. */
    public boolean hasLessons() {
        return entries.stream().anyMatch(entry -> entry.kind() == CaseEntryKind.LESSONS);
    }
}
