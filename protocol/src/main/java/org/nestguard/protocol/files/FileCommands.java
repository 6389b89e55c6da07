package org.nestguard.protocol.files;

/**
 * The console's commands for flagged files, quarantine, holds and outings, and their payload records. The agent
 * reports each outcome as a {@code command-result} event like every command, plus the events named on each.
 */
public final class FileCommands {
    /** {@link IsolateOrder}: isolate a file by path or by hash. Answered by a {@link QuarantineChange}. */
    public static final String ISOLATE = "isolate";
    /** {@link ReleaseOrder}: restore an item to its path. */
    public static final String RELEASE = "release";
    /** {@link DestroyOrder}: destroy an item's key and ciphertext. */
    public static final String DESTROY = "destroy";
    /** {@link EvidenceOrder}: write and upload a police evidence archive of an item. */
    public static final String EXPORT_EVIDENCE = "export-evidence";
    /** {@link HoldOrder}: put the device on hold. Answered by a {@link HoldStatus}. */
    public static final String HOLD = "hold";
    /** {@link HoldLift}: lift the hold (the console has recorded the police advice). */
    public static final String LIFT_HOLD = "lift-hold";
    /** {@link OutingQuery}: count photos and videos. Answered by an {@link OutingReadiness}. */
    public static final String OUTING_CHECK = "outing-check";
    /** {@link EvidenceKey}: the console's evidence public key, sent at enrolment and when it changes. */
    public static final String EVIDENCE_KEY = "evidence-key";

    private FileCommands() {
    }

    /**
     * Isolate one file: by {@code path}, or by {@code sha256} (every file in the watched folders with that hash).
     * Exactly one of the two is given.
     */
    public record IsolateOrder(String path, String sha256, String reason) {
    }

    /**
     * Release: the item key, unwrapped by the console at the moment it delivers the command (base64). The key is
     * never stored on the console nor logged; over mutual TLS it reaches only this device.
     */
    public record ReleaseOrder(String itemId, String itemKey) {
    }

    /**
     * Destroy, which §11.2 allows only when both are confirmed: other agencies do not need to be involved, and
     * deletion places no child at risk and compromises no investigation. The agent refuses unless both are true.
     */
    public record DestroyOrder(String itemId, boolean noOtherAgencyNeeded, boolean noRiskToChildOrInvestigation) {
    }

    /**
     * Evidence for the police: the item key rewrapped by the console for the recipient's RSA public key, and the
     * police reference; the agent writes the archive (ciphertext, wrapped key, manifest with hashes and custody)
     * and uploads it over mutual TLS to {@code PUT /api/agent/v1/evidence/{exportId}}.
     */
    public record EvidenceOrder(String itemId, String exportId, String recipientWrappedKey,
                                String recipientKeyFingerprint, String policeReference) {
    }

    /**
     * Hold: from now the agent deletes and purges nothing (vault, outbox trimming, retention) and refuses release
     * and destroy. {@code lock}: also disable interactive logon for every account except the policy's
     * {@code fileChecks.holdLockExcept}.
     */
    public record HoldOrder(String holdId, boolean lock) {
    }

    /** Lift a hold: undo its lock; deleting and purging resume. */
    public record HoldLift(String holdId) {
    }

    /** May the device go on an outing: count photos and videos in the camera folders. */
    public record OutingQuery(String requestId) {
    }

    /** The console's evidence public key (PEM, RSA 3072 or more) that item keys are wrapped for. */
    public record EvidenceKey(String publicKeyPem) {
    }
}
