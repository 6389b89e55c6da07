package org.nestguard.console.store;

import java.time.Instant;

/**
 * One entry in a concern's record, never changed once written; a correction is a later entry naming this one.
 *
 * @param number     1, 2, 3... in the order written
 * @param occurredAt when it happened, as the person recording it says
 * @param recordedAt when it was written, by {@code byName}
 * @param party      who was asked, who informed the parents, or which agency; null for kinds without one
 * @param reference  the agency's reference, or null
 * @param correctsId the entry this one corrects, or null
 */
public record CaseEntry(String id, String caseId, int number, CaseEntryKind kind, Instant occurredAt, Instant recordedAt,
                        String byId, String byName, String party, String detail, String reference,
                        String correctsId) {
}
