package org.nestguard.protocol.policy;

/**
 * A value in a policy that parses but makes no sense (a negative duration, term dates out of order).
 * Thrown from the model's constructors; the loader turns it into a {@link PolicyException} with file and line.
 */
public final class PolicyFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    /**
     * @param field   the field's path relative to the object being built, for example {@code maxIdle} or
     *                {@code termDates[2].start}
     * @param message what is wrong and what was expected
     */
    public PolicyFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
