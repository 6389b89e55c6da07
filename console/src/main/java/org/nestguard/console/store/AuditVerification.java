package org.nestguard.console.store;

/**
 * What checking the audit log's hash chain found: intact, or the first row that breaks it and how.
 *
 * @param rowsChecked   rows read before the first break, or all of them
 * @param firstBrokenId the first row whose link or content is wrong (or the first missing one), null when intact
 * @param headHash      the hash of the newest row: noted down outside the console, it shows later that the log
 *                      was not rewritten from the start
 */
public record AuditVerification(boolean intact, long rowsChecked, Long firstBrokenId, String problem,
                                String headHash) {
}
