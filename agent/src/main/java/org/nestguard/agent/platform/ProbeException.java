package org.nestguard.agent.platform;

/** A fact could not be read; the message says what was tried and what an operator can do about it. */
public final class ProbeException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProbeException(String message) {
        super(message);
    }

    public ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
