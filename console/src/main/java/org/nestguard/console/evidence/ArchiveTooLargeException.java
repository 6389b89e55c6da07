package org.nestguard.console.evidence;

/** An evidence upload larger than its item can need: refused, nothing kept. */
public final class ArchiveTooLargeException extends EvidenceArchiveException {
    private static final long serialVersionUID = 1L;

    public ArchiveTooLargeException(long maxBytes) {
        super("The archive is larger than " + maxBytes + " bytes, the most this export's item can need; it was not "
                + "kept");
    }
}
