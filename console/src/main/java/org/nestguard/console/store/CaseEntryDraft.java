package org.nestguard.console.store;

import java.time.Instant;

/** An entry as someone writes it, before the store gives it an id and records who and when; see {@link CaseEntry}. */
public record CaseEntryDraft(CaseEntryKind kind, Instant occurredAt, String party, String detail, String reference,
                             String correctsId) {
}
