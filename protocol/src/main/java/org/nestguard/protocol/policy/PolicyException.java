package org.nestguard.protocol.policy;

/** A policy file that cannot be used: says which file, line, column and field, and what was expected. */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    public PolicyException(String source, int line, int column, String field, String problem, Throwable cause) {
        super(format(source, line, column, field, problem), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.field = field;
        this.problem = problem;
    }

    private static String format(String source, int line, int column, String field, String problem) {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        text.append(": ");
        if (field != null && !field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(problem).toString();
    }

    /** The file name (or other name) the policy was read from. */
    public String source() {
        return source;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** Dotted path of the field, for example {@code screenLock.maxIdle}; empty for the whole document. */
    public String field() {
        return field;
    }

    /** What was wrong and what was expected, without the location. */
    public String problem() {
        return problem;
    }
}
