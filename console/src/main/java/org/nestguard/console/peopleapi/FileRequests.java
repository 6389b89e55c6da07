package org.nestguard.console.peopleapi;

import org.nestguard.console.store.PoliceAdvice;

/** The bodies of the flagged-file routes; a missing field reads as null and is refused by the store with a reason. */
final class FileRequests {
    private FileRequests() {
    }

    /** {@code {"path": "...", "sha256": "...", "justification": "..."}}: exactly one of path or sha256. */
    record Isolate(String path, String sha256, String justification) {
    }

    /** {@code {"justification": "..."}}. */
    record Justified(String justification) {
    }

    /** {@code {"justification": "...", "noOtherAgencyNeeded": true, "noRiskToChildOrInvestigation": true}}. */
    record Destroy(String justification, Boolean noOtherAgencyNeeded, Boolean noRiskToChildOrInvestigation) {
    }

    /** {@code {"policeReference": "...", "justification": "..."}}. */
    record Preserve(String policeReference, String justification) {
    }

    /** {@code {"recipientPublicKeyPem": "-----BEGIN PUBLIC KEY-----...", "justification": "..."}}. */
    record Export(String recipientPublicKeyPem, String justification) {
    }

    /** {@code {"reason": "...", "lock": false}}. */
    record Hold(String reason, Boolean lock) {
    }

    /** {@code {"policeAdvice": {"adviser": ..., "at": "2026-01-12T09:00:00Z", "outcome": ...}, "justification"}}. */
    record HoldLift(PoliceAdvice policeAdvice, String justification) {
    }
}
