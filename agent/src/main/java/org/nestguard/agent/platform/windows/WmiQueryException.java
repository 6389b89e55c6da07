package org.nestguard.agent.platform.windows;

/** A WMI query failed; {@link #failure()} lets a probe choose its fallback (another source, or UNKNOWN). */
public final class WmiQueryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why WMI refused. */
    public enum Failure {
        /** WBEM_E_INVALID_NAMESPACE: the namespace does not exist here (SecurityCenter2 on Windows Server). */
        INVALID_NAMESPACE,
        /** WBEM_E_ACCESS_DENIED or E_ACCESSDENIED: the agent lacks the rights (BitLocker namespace needs admin). */
        ACCESS_DENIED,
        /** WBEM_E_INVALID_CLASS: the class is not registered (Defender removed or replaced). */
        INVALID_CLASS,
        /** Anything else: COM could not start, timeout, provider failure. */
        OTHER
    }

    private final Failure failure;

    public WmiQueryException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public WmiQueryException(Failure failure, String message) {
        this(failure, message, null);
    }

    public Failure failure() {
        return failure;
    }
}
