package org.nestguard.agent.enrolment;

/** Why an enrolment did not complete, with a sentence for the installer saying what to do. */
public final class EnrolmentException extends Exception {
    /** The kinds of failure, each with its own exit status in the command line. */
    public enum Kind { INVALID_INPUT, UNTRUSTED_CONSOLE, UNREACHABLE, REFUSED, INVALID_RESPONSE, LOCAL_STORAGE }

    private final Kind kind;

    public EnrolmentException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
