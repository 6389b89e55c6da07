package org.nestguard.console.evidence;

/** An evidence archive that cannot be used: too large, not a zip, missing a part, or not opening. */
public class EvidenceArchiveException extends Exception {
    private static final long serialVersionUID = 1L;

    public EvidenceArchiveException(String message) {
        super(message);
    }

    public EvidenceArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
